// kehu job list|show|cancel against a SQLite file, and the progress of a job run in the foreground.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { codeAuditFixJob } from '@kehu/app'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Io } from '../io.js'
import { jobProgress, progressText, runWithProgress } from '../job-progress.js'
import { runCli } from '../program.js'
import { openRuntime } from '../runtime.js'

const capture = (lang: 'zh-CN' | 'en' = 'en') => {
  const out: string[] = []
  const err: string[] = []
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), lang }
  return { io, out, err }
}

describe('kehu job', () => {
  let data: string
  let jobId: string
  const run = async (args: string[], lang: 'zh-CN' | 'en' = 'en') => {
    const { io, out, err } = capture(lang)
    const code = await runCli(['--data', data, '--lang', lang, ...args], io)
    return { code, out: out.join('\n'), err: err.join('\n') }
  }
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'kehu-job-'))
    expect((await run(['demo', '--customers', '3'])).code).toBe(0)
    // A job run in the foreground, as a long command runs its work (not on a terminal: plain lines).
    const rt = await openRuntime({ dataDir: data, actorLabel: 'cli:test' })
    try {
      const { io } = capture()
      const { job, result } = await runWithProgress(io, rt.ctx('demo'), codeAuditFixJob(), {})
      expect(result).toMatchObject({ fixed: 0 })
      jobId = job.id
    } finally {
      await rt.close()
    }
  })
  afterAll(() => rmSync(data, { recursive: true, force: true }))

  it('lists, shows and cancels jobs, in both languages', async () => {
    const list = await run(['job', 'list'])
    expect(list.code).toBe(0)
    expect(list.out).toContain(jobId)
    expect(list.out).toMatch(/code-audit-fix +done +fix \d+\/\d+ +cli:test/)
    expect((await run(['job', 'list'], 'zh-CN')).out).toContain('已完成')
    const shown = await run(['job', 'show', jobId])
    expect(shown.out).toContain(`Job ${jobId}  code-audit-fix  done`)
    expect(shown.out).toContain('"fixed": 0')
    const json = JSON.parse((await run(['job', 'show', jobId, '--json'])).out)
    expect(json).toMatchObject({ id: jobId, status: 'done', createdBy: 'cli:test' })
    // a finished job stays as it ended
    expect((await run(['job', 'cancel', jobId])).out).toContain('done')
    const missing = await run(['job', 'show', 'nope'])
    expect([missing.code, missing.err]).toEqual([3, expect.stringContaining('Job nope does not exist')])
    expect((await run(['job', 'list', '--kind', 'import'])).out).toBe('No jobs yet')
  })

  it('writes progress as plain lines off a terminal, at most one per two seconds, and the last one at the end', () => {
    const { io, err } = capture('zh-CN')
    const p = jobProgress(io, false)
    p.update({ phase: '导入', done: 10, total: 100, written: 9, bad: 1, rate: 1234.4, etaSeconds: 0.2 })
    p.update({ phase: '导入', done: 20, total: 100 })
    p.stop()
    expect(err).toEqual(['导入 10/100  写入 9  错误 1  1234/秒  剩余 1 秒', '导入 20/100'])
    expect(progressText(capture('en').io, { done: 5, written: 5 })).toBe('5  written 5')
  })
})
