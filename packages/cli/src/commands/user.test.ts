// kehu user / token / session and the global --as, against a SQLite file; serving beyond loopback.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Io } from '../io.js'
import { runCli } from '../program.js'
import { serve } from '../serve.js'
import { expiryOf } from './token/create.js'

const PASSWORD = 'correct horse battery'

function bufferIo(stdin = ''): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return {
    stdout,
    stderr,
    out: (s) => stdout.push(s),
    err: (s) => stderr.push(s),
    lang: 'zh-CN',
    readStdin: async () => stdin,
  }
}

describe('kehu user, token, session', () => {
  let data: string
  const run = async (args: string[], stdin = '', lang: 'zh-CN' | 'en' = 'zh-CN') => {
    const io = bufferIo(stdin)
    const code = await runCli(['--data', data, ...(lang === 'en' ? ['--lang', 'en'] : []), ...args], io)
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
  }
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'kehu-user-'))
    expect((await run(['demo', '--customers', '3'])).code).toBe(0)
  })
  afterAll(() => rmSync(data, { recursive: true, force: true }))

  it('refuses 0.0.0.0 until a user has a password, then serves there', async () => {
    const refused = await serve({ port: 0, host: '0.0.0.0', dataDir: data, quiet: true }).catch((e) => e)
    expect(refused.code).toBe('HOST_NOT_LOOPBACK')
    let r = await run(['user', 'create', 'Chief', '--admin', '--name', '张总', '--password-stdin'], `${PASSWORD}\n`)
    expect([r.code, r.out]).toEqual([0, '已创建用户 chief'])
    const server = await serve({ port: 0, host: '0.0.0.0', dataDir: data, quiet: true })
    try {
      const port = new URL(server.url).port
      const health = await fetch(`http://127.0.0.1:${port}/api/health`)
      expect(health.status).toBe(200)
      expect((await fetch(`http://127.0.0.1:${port}/api/tenants`)).status).toBe(401)
    } finally {
      await server.close()
    }
    r = await run(['user', 'create', 'bad', '--password-stdin'], 'short\n')
    expect(r.code).toBe(2)
    expect(r.err).toContain('密码须为 10–200 个字符')
    expect((await run(['user', 'create', 'x', '--password-stdin'], '')).err).toContain('CLI_PASSWORD_MISSING')
  })

  it('creates, lists, grants, updates, resets and disables users', async () => {
    expect((await run(['user', 'create', 'li', '--password-stdin'], `${PASSWORD}\n`)).code).toBe(0)
    let r = await run(['user', 'grant', 'li', '--role', '业务员'])
    expect([r.code, r.out]).toEqual([0, 'li: sales\n  数据权限: 全部客户'])
    r = await run(['user', 'list', '--json'])
    const users = JSON.parse(r.out) as { login: string; roles: unknown[]; hasPassword: boolean }[]
    expect(users.find((u) => u.login === 'li')).toMatchObject({
      roles: [{ tenant: 'demo', role: 'sales' }],
      hasPassword: true,
    })
    r = await run(['user', 'list'], '', 'en')
    expect(r.out).toMatch(/li +li +yes +set +demo:sales/)
    expect((await run(['user', 'update', 'li', '--name', '李四'])).out).toBe('已修改用户 li')
    expect((await run(['user', 'passwd', 'li'], 'a brand new password\n')).out).toBe('已重设 li 的密码')
    expect((await run(['user', 'disable', 'li'])).out).toBe('已停用用户 li')
    expect((await run(['user', 'update', 'nobody', '--enable'])).code).toBe(3)
  })

  it('acts --as a user with their permissions in the tenant, audited as the OS user as that login', async () => {
    expect((await run(['tenant', 'create', 'plain', '普通账套'])).code).toBe(0)
    const inPlain = (args: string[]) => run(['--tenant', 'plain', ...args])
    expect((await run(['user', 'create', 'wang', '--password-stdin'], `${PASSWORD}\n`)).code).toBe(0)
    expect((await inPlain(['user', 'grant', 'wang', '--role', '只读'])).code).toBe(0)
    expect((await inPlain(['--as', 'wang', 'customer', 'list', '--json'])).code).toBe(0)
    let r = await inPlain(['--as', 'wang', 'customer', 'create', '--name', '只读公司'])
    expect([r.code, r.err]).toEqual([5, '错误 [ACCESS_DENIED]: 没有权限：新增客户（customer:create）'])
    expect((await run(['--as', 'wang', 'customer', 'list'])).code).toBe(3) // no role in demo: not found, as if missing
    expect((await run(['--as', 'wang', 'user', 'list'])).code).toBe(3) // acts in demo too
    expect((await inPlain(['user', 'grant', 'wang', '--role', 'clerk'])).code).toBe(0)
    r = await inPlain(['--as', 'wang', 'customer', 'create', '--name', '建档公司', '--json'])
    expect([r.code, r.err]).toEqual([0, ''])
    const { code } = JSON.parse(r.out) as { code: string }
    r = await inPlain(['customer', 'history', code, '--json'])
    expect(r.out).toMatch(/"actor": "cli:[^"]+ as wang"/)
    expect((await run(['--as', 'ghost', 'customer', 'list'])).err).toContain('CLI_AS_UNKNOWN')
  })

  it('grants data scopes: --as the member sees only the class subtree; shows and clears them', async () => {
    type Page = { items: { nodes: { class?: { code: string } } }[] }
    const all = JSON.parse((await run(['customer', 'list', '--json', '--limit', '500'])).out) as Page
    const top = all.items.find((c) => c.nodes.class)?.nodes.class?.code.slice(0, 2) as string
    expect((await run(['user', 'create', 'zhao', '--password-stdin'], `${PASSWORD}\n`)).code).toBe(0)
    let r = await run(['user', 'grant', 'zhao', '--role', '业务员', '--class', `${top}+`])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(new RegExp(`^zhao: sales\n  数据权限: 客户分类 ${top}\\+ `))
    const mine = JSON.parse((await run(['--as', 'zhao', 'customer', 'list', '--json', '--limit', '500'])).out) as Page
    expect(mine.items.length).toBe(all.items.filter((c) => c.nodes.class?.code.startsWith(top)).length)
    expect(mine.items.length).toBeGreaterThan(0)
    r = await run(['user', 'scopes', 'zhao', '--json'])
    expect(JSON.parse(r.out)).toMatchObject({
      roles: ['sales'],
      scopes: [{ kind: 'node', nodeCode: top, subtree: true }],
    })
    expect((await run(['user', 'grant', 'zhao', '--class', '99+'])).code).toBe(3)
    expect((await run(['user', 'scopes', 'zhao', '--clear'])).out).toContain('数据权限: 全部客户')
  })

  it('creates a token shown once, lists it without the secret, and revokes it; lists and ends sessions', async () => {
    let r = await run(['token', 'create', 'erp', '--user', 'chief', '--scope', 'customer:read', '--expires', '30d'])
    expect(r.code).toBe(0)
    const secret = r.out
    expect(secret).toMatch(/^kehu_[\w-]{43}$/)
    expect(r.err).toContain('令牌只显示这一次')
    r = await run(['token', 'list', '--json'])
    const tokens = JSON.parse(r.out) as { id: string; name: string; scopes: string[] }[]
    expect(tokens.map((t) => [t.name, t.scopes])).toEqual([['erp', ['customer:read']]])
    expect(r.out).not.toContain(secret)
    expect((await run(['token', 'revoke', tokens[0]!.id])).out).toBe(`已撤销令牌 ${tokens[0]!.id}`)
    expect((await run(['token', 'create', 'x', '--user', 'chief', '--scope', 'customer:fly'])).code).toBe(2)
    expect((await run(['session', 'list', '--json'])).out).toBe('[]')
    expect((await run(['session', 'revoke', 'nope'])).code).toBe(3)
  })

  it('reads an expiry as days, a date or never', () => {
    const now = new Date('2026-01-01T00:00:00.000Z')
    expect(expiryOf('30d', now)).toBe('2026-01-31T00:00:00.000Z')
    expect(expiryOf('never', now)).toBeNull()
    expect(expiryOf('2027-01-01', now)).toBe('2027-01-01')
    expect(expiryOf(undefined, now)).toBeUndefined()
  })
})
