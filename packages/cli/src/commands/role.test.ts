// kehu role …, and customer output masked for a user without customer:sensitive (--as), against a SQLite file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../program.js'

describe('kehu role and masked output', () => {
  let data: string
  const run = async (args: string[], stdin = '', lang: 'zh-CN' | 'en' = 'zh-CN') => {
    const stdout: string[] = []
    const stderr: string[] = []
    const code = await runCli(['--data', data, ...(lang === 'en' ? ['--lang', 'en'] : []), ...args], {
      out: (s) => stdout.push(s),
      err: (s) => stderr.push(s),
      lang,
      readStdin: async () => stdin,
    })
    return { code, out: stdout.join('\n'), err: stderr.join('\n') }
  }
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'kehu-role-'))
    expect((await run(['demo', '--customers', '1'])).code).toBe(0)
  })
  afterAll(() => rmSync(data, { recursive: true, force: true }))

  it('lists permissions, creates, updates, lists and deletes a custom role', async () => {
    let r = await run(['role', 'permissions'], '', 'en')
    expect(r.out).toMatch(/customer:sensitive +See and edit sensitive fields/)
    r = await run(['role', 'create', '区域经理', '--code', 'region-mgr', '--permission', 'customer:read,customer:edit'])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/region-mgr +区域经理 +customer:read,customer:edit/)
    r = await run(['role', 'update', 'region-mgr', '--permission', 'customer:read', '--permission', 'export', '--json'])
    expect(JSON.parse(r.out)).toEqual([
      { code: 'region-mgr', name: '区域经理', builtIn: false, permissions: ['customer:read', 'export'] },
    ])
    r = await run(['role', 'list', '--json'])
    expect((JSON.parse(r.out) as { code: string }[]).map((x) => x.code)).toEqual([
      'admin',
      'clerk',
      'readonly',
      'sales',
      'region-mgr',
    ])
    r = await run(['role', 'update', 'sales', '--name', '销售'])
    expect([r.code, r.err]).toEqual([4, expect.stringContaining('ROLE_BUILT_IN')])
    r = await run(['role', 'create', '乱', '--code', 'x', '--permission', 'customer:fly'])
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('权限 customer:fly 不存在')])
    expect((await run(['role', 'delete', 'region-mgr'])).out).toBe('已删除角色 region-mgr')
    expect((await run(['role', 'delete', 'region-mgr'])).code).toBe(3)
  })

  it('masks customer output --as a 业务员 and refuses a sensitive change; the administrator sees it all', async () => {
    expect((await run(['tenant', 'create', 'plain', '普通账套'])).code).toBe(0)
    const inPlain = (args: string[], stdin = '') => run(['--tenant', 'plain', ...args], stdin)
    expect((await run(['user', 'create', 'seller', '--password-stdin'], 'correct horse battery\n')).code).toBe(0)
    expect((await inPlain(['user', 'grant', 'seller', '--role', '业务员'])).code).toBe(0)
    let r = await inPlain(['customer', 'create', '--name', '福州华信科技有限公司', '--phone', '13812345678', '--json'])
    expect(r.err).toBe('')
    const { code } = JSON.parse(r.out) as { code: string }
    r = await inPlain(['--as', 'seller', 'customer', 'get', code])
    expect(r.out).toContain('电话: 138****5678')
    expect(r.out).not.toContain('13812345678')
    r = await inPlain(['--as', 'seller', 'customer', 'get', code, '--json'])
    expect(JSON.parse(r.out)).toMatchObject({ phone: '138****5678', masked: expect.arrayContaining(['phone']) })
    r = await inPlain(['--as', 'seller', 'customer', 'list', '--json'])
    expect(r.out).not.toContain('13812345678')
    r = await inPlain(['--as', 'seller', 'customer', 'history', code, '--json'])
    expect(r.out).not.toContain('13812345678')
    r = await inPlain(['--as', 'seller', 'code', 'find', code, '--json'])
    expect(JSON.parse(r.out)).toMatchObject({ customer: { phone: '138****5678' } })
    r = await inPlain(['--as', 'seller', 'customer', 'update', code, '--set', 'phone=13900000000'])
    expect([r.code, r.err]).toEqual([5, expect.stringContaining('没有权限修改敏感字段：电话')])
    expect((await inPlain(['customer', 'get', code])).out).toContain('电话: 13812345678')
  })
})
