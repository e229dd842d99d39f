// kehu audit list and kehu user unlock, against a SQLite file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Io } from '../io.js'
import { runCli } from '../program.js'

const PASSWORD = 'correct horse battery'

describe('kehu audit, kehu user unlock', () => {
  let data: string
  const run = async (args: string[], lang: 'zh-CN' | 'en' = 'en', stdin = '') => {
    const out: string[] = []
    const err: string[] = []
    const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), lang, readStdin: async () => stdin }
    const code = await runCli(['--data', data, '--lang', lang, ...args], io)
    return { code, out: out.join('\n'), err: err.join('\n') }
  }
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'kehu-audit-'))
    expect((await run(['demo', '--customers', '3'])).code).toBe(0)
  })
  afterAll(() => rmSync(data, { recursive: true, force: true }))

  it('lists events newest first with readable names, filtered and paged', async () => {
    const all = JSON.parse((await run(['audit', 'list', '--action', 'customer.created', '--json'])).out) as {
      items: { action: string; subject: string; actor: string }[]
      nextCursor: string | null
    }
    expect(all.items).toHaveLength(3)
    const code = all.items[2]?.subject as string
    const one = await run(['audit', 'list', '--customer', code])
    expect(one.code).toBe(0)
    expect(one.out).toContain(`Customer created  ${code}`)
    expect(one.out).toMatch(/^ {4}name: ∅ → /m)
    expect((await run(['audit', 'list', '--customer', code], 'zh-CN')).out).toContain(`新建客户  ${code}`)
    const first = JSON.parse((await run(['audit', 'list', '--limit', '2', '--json'])).out)
    const next = JSON.parse((await run(['audit', 'list', '--limit', '2', '--cursor', first.nextCursor, '--json'])).out)
    expect(next.items[0].at <= first.items[1].at).toBe(true)
    expect(next.items.map((e: { id: string }) => e.id)).not.toContain(first.items[1].id)
    expect((await run(['audit', 'list', '--actor', 'nobody-at-all'])).out).toBe('No events match')
  })

  it('refuses bad options naming them, before reading anything', async () => {
    const since = await run(['audit', 'list', '--since', 'last week'])
    expect(since.code).toBe(2)
    expect(since.err).toContain('--since')
    const action = await run(['audit', 'list', '--action', 'customer.eaten'])
    expect([action.code, action.err]).toEqual([2, expect.stringContaining('There is no action customer.eaten')])
  })

  it('unlocks a login, and the audit log shows it', async () => {
    expect((await run(['user', 'create', 'wang', '--password-stdin'], 'en', `${PASSWORD}\n`)).code).toBe(0)
    const r = await run(['user', 'unlock', 'WANG'])
    expect([r.code, r.out]).toEqual([0, 'wang was not locked (0 recent failures, no longer counted)'])
    expect((await run(['user', 'unlock', 'nobody'])).code).not.toBe(0)
    const log = await run(['audit', 'list', '--action', 'sign-in.unlocked'])
    expect(log.out).toMatch(/ {2}cli:\S+ {2}Sign-in lock ended {2}wang/)
  })
})
