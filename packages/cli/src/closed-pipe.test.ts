import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { streamIo } from './io.js'
import { runCli } from './program.js'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../../../', import.meta.url))

/** A stream whose reader has gone: every write fails with EPIPE, as a pipe after `head` exits. */
const closedPipe = () =>
  new Writable({
    write: (_chunk, _enc, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
  })

const collect = (lines: string[]) =>
  new Writable({
    write: (chunk, _enc, done) => {
      lines.push(String(chunk))
      done()
    },
  })

/** Runs a shell pipeline with the built `kehu` first; the exit status is kehu's (pipefail, head exits 0). */
const pipeline = (args: string, tail: string) =>
  run('bash', ['-o', 'pipefail', '-c', `node packages/cli/bin/kehu.js ${args} | ${tail}`], { cwd: root }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  )

describe('a closed pipe', () => {
  let data: string
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'kehu-cli-pipe-'))
    // The shell tests run the built CLI, as a user's `kehu … | head` does; an up-to-date build takes a second.
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'packages/cli'], { cwd: root })
    const err: string[] = []
    const code = await runCli(['--data', data, 'demo', '--customers', '60'], streamIo('en', collect([]), collect(err)))
    expect(err).toEqual([])
    expect(code).toBe(0)
  }, 180_000)
  afterAll(() => rmSync(data, { recursive: true, force: true }))

  it('ends the command quietly with its own exit code when stdout or stderr has no reader', async () => {
    const err: string[] = []
    expect(await runCli(['--data', data, 'class', 'tree', 'class'], streamIo('en', closedPipe(), collect(err)))).toBe(0)
    expect(err).toEqual([])
    // A failing command still fails with its exit code when no one reads the message.
    expect(await runCli(['--data', data, 'class', 'tree', 'nosuch'], streamIo('en', collect([]), closedPipe()))).toBe(3)
  })

  it('`kehu class tree class | head -1` prints the first line and exits 0 without a stack trace', async () => {
    const r = await pipeline(`--data '${data}' --lang en class tree class`, 'head -1')
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(r.stdout.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toContain('** *** ****')
  })

  it('survives a reader that leaves while a long output is still being written', async () => {
    // 60 customers as JSON are far more than a pipe holds, so the write meets the closed end.
    const r = await pipeline(`--data '${data}' customer list --json --limit 60`, 'head -1')
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: '{\n' })
  })
})
