import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Io } from '../io.js'
import { runCli } from '../program.js'

function bufferIo(lang: 'zh-CN' | 'en' = 'zh-CN'): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (s) => stdout.push(s), err: (s) => stderr.push(s), lang }
}

describe('kehu customer', () => {
  let root: string
  let data: string
  const run = async (args: string[], lang: 'zh-CN' | 'en' = 'zh-CN') => {
    const io = bufferIo(lang)
    const code = await runCli(['--data', data, ...(lang === 'en' ? ['--lang', 'en'] : []), ...args], io)
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
  }
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kehu-cli-customer-'))
    data = join(root, 'data')
    expect((await run(['tenant', 'create', 'acme', '顶点公司', '--default'])).code).toBe(0)
    for (const [scheme, code, name] of [
      ['class', '01', '批发'],
      ['class', '01001', '华北批发'],
      ['class', '02', '零售'],
      ['region', 'HB', '华北'],
    ])
      expect((await run(['class', 'add', scheme as string, code as string, name as string])).code).toBe(0)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('creates from flags and from a JSON file, with --json output and idempotent retries', async () => {
    const a = await run([
      'customer',
      'create',
      '--name',
      '北京华信科技有限公司',
      '--short-name',
      '华信科技',
      '--class',
      '01001',
      '--region',
      'HB',
      '--set',
      'creditLimit=5000',
      '--idempotency-key',
      'once',
      '--json',
    ])
    expect(a.code).toBe(0)
    const c = JSON.parse(a.out)
    expect(c).toMatchObject({ code: '00001', mnemonic: 'HXKJ', class: '01001', region: 'HB', creditLimit: '5000.00' })
    const again = await run([
      'customer',
      'create',
      '--name',
      '北京华信科技有限公司',
      '--short-name',
      '华信科技',
      '--class',
      '01001',
      '--region',
      'HB',
      '--set',
      'creditLimit=5000',
      '--idempotency-key',
      'once',
    ])
    expect(again.out).toContain('00001')
    const file = join(root, 'c.json')
    writeFileSync(file, JSON.stringify({ name: '上海东方贸易有限公司', class: '02', phone: '021-62345678' }))
    const b = await run(['customer', 'create', '--json-file', file, '--json'])
    expect(b.code).toBe(0)
    // without --idempotency-key a key is made up and shown: a retry with it returns the same customer
    const made = JSON.parse(b.out)
    expect(made).toMatchObject({ code: '00002', name: '上海东方贸易有限公司' })
    expect(made.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)
    const retry = await run(['customer', 'create', '--json-file', file, '--idempotency-key', made.idempotencyKey])
    expect(retry.out).toBe('重试：返回已建的客户 00002')
  })

  it('reports every bad field at once with exit 2, in the chosen language', async () => {
    const bad = await run(
      ['customer', 'create', '--name', 'X', '--uscc', '91350100M000100Y44', '--class', '01', '--email', 'a@'],
      'en',
    )
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('Error [CUSTOMER_INVALID]: The customer is not valid')
    // Each field by its name, never its key.
    expect(bad.err).toContain('  - The USCC check character is wrong')
    expect(bad.err).toContain('  - Customer class:')
    expect(bad.err).toContain('  - E-mail:')
    expect(bad.err).not.toMatch(/- (?:uscc|email|class):/)
    const unknown = await run(['customer', 'create', '--name', 'X', '--set', 'colour=red'])
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('CLI_FIELD_UNKNOWN')])
    const missing = await run(['customer', 'get', 'NOPE'])
    expect(missing.code).toBe(3)
  })

  it('gets, lists, updates (reading the version itself), archives, restores and shows the history', async () => {
    const got = await run(['customer', 'get', '00001'])
    expect(got.out).toContain('名称: 北京华信科技有限公司')
    expect(got.out).toContain('分类 class: 01001 批发 / 华北批发')
    const list = await run(['customer', 'list', '--class', '01', '--json'])
    expect(JSON.parse(list.out).items.map((i: { code: string }) => i.code)).toEqual(['00001'])
    const table = await run(['customer', 'list', '--q', '东方'])
    expect(table.out).toContain('00002')
    expect(table.out).toContain('共 1 个')
    const up = await run(['customer', 'update', '00001', '--set', 'shortName=华信', '--set', 'remarks=老客户'])
    expect(up.code).toBe(0)
    expect(up.out).toContain('已修改 00001（版本 2）')
    expect(up.out).toContain('shortName: 华信科技 → 华信')
    const codeChange = await run(['customer', 'update', '00001', '--set', 'code=X1'])
    expect([codeChange.code, codeChange.err]).toEqual([2, expect.stringContaining('客户编码')])
    expect((await run(['customer', 'archive', '00002'])).out).toContain('00002：状态为 archived')
    expect(JSON.parse((await run(['customer', 'list', '--json'])).out).total).toBe(1)
    expect(JSON.parse((await run(['customer', 'list', '--status', 'archived', '--json'])).out).total).toBe(1)
    const noEdit = await run(['customer', 'update', '00002', '--set', 'remarks=x'])
    expect(noEdit.code).toBe(4)
    expect((await run(['customer', 'restore', '00002', '--json'])).out).toContain('"status": "active"')
    expect((await run(['customer', 'disable', '00002'])).code).toBe(0)
    const history = await run(['customer', 'history', '00001'])
    expect(history.out).toContain('customer.updated')
    expect(history.out).toContain('remarks: ∅ → 老客户')
    const h2 = JSON.parse((await run(['customer', 'history', '00002', '--json'])).out)
    expect(h2.items.map((h: { action: string }) => h.action)).toEqual([
      'customer.created',
      'customer.archived',
      'customer.restored',
      'customer.disabled',
    ])
  })

  it('deletes only with --yes', async () => {
    expect((await run(['customer', 'delete', '00002'])).code).toBe(2)
    expect((await run(['customer', 'delete', '00002', '--yes'])).out).toBe('已删除客户 00002')
    expect((await run(['customer', 'get', '00002'])).code).toBe(3)
  })

  it('--dry-run shows the rule and the next code, and creates nothing', async () => {
    const before = JSON.parse((await run(['customer', 'list', '--json'])).out)
    const dry = await run(['customer', 'create', '--class', '02', '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.out).toMatch(/规则：默认规则（\{serial:5\}）\n将生成编码：\d{5}（未预留）/)
    const asJson = JSON.parse((await run(['customer', 'create', '--class', '02', '--dry-run', '--json'])).out)
    expect(asJson).toMatchObject({ rule: { name: '默认规则', mode: expect.any(String) }, missing: [] })
    expect(dry.out).toContain(asJson.code)
    const typo = await run(['customer', 'create', '--class', '0999', '--dry-run'])
    expect(typo.out).toContain('问题：')
    expect(typo.out).toContain('0999')
    expect(JSON.parse((await run(['customer', 'list', '--json'])).out).total).toBe(before.total)
    const made = JSON.parse((await run(['customer', 'create', '--name', '试算公司', '--class', '02', '--json'])).out)
    expect(made.code).toBe(asJson.code)
  })

  it('lists by a user-defined scheme with --scheme SCHEME:CODES', async () => {
    expect((await run(['class', 'scheme', 'create', 'VALUE', '价值等级', '--levels', '1-2'])).code).toBe(0)
    expect((await run(['class', 'add', 'VALUE', '1', '高价值'])).code).toBe(0)
    const file = join(root, 'valued.json')
    writeFileSync(file, JSON.stringify({ name: '高价值公司', classes: { VALUE: '1' } }))
    const made = JSON.parse((await run(['customer', 'create', '--json-file', file, '--json'])).out)
    const found = JSON.parse((await run(['customer', 'list', '--scheme', 'VALUE:1', '--json'])).out)
    expect(found.items.map((c: { code: string }) => c.code)).toEqual([made.code])
    const bad = await run(['customer', 'list', '--scheme', 'VALUE'])
    expect(bad.code).not.toBe(0)
    expect(bad.err).toContain('体系编码:分类编码')
  })
})
