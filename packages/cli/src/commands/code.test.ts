import { existsSync, mkdtempSync, rmSync } from 'node:fs'
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

describe('kehu code', () => {
  let root: string
  let data: string
  const run = async (args: string[], lang: 'zh-CN' | 'en' = 'zh-CN', dir = data) => {
    const io = bufferIo(lang)
    const code = await runCli(['--data', dir, ...(lang === 'en' ? ['--lang', 'en'] : []), ...args], io)
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
  }
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kehu-cli-code-'))
    data = join(root, 'data')
    expect((await run(['tenant', 'create', 'acme', '顶点公司', '--default'])).code).toBe(0)
    for (const [scheme, code, name] of [
      ['type', 'RT', '零售'],
      ['type', 'WH', '批发'],
      ['region', 'BJ', '北京'],
    ])
      expect((await run(['class', 'add', scheme as string, code as string, name as string])).code).toBe(0)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('refuses a too-long map entry as a field issue named as the user knows it (exit 2), never a raw validation error', async () => {
    const r = await run(['code', 'map', 'set', 'M1', '--entries', `北京=${'B'.repeat(200)}`])
    expect(r.code).toBe(2)
    expect(r.err).toContain('[CODE_MAP_INVALID]')
    expect(r.err).toContain('简码')
    expect(r.err).toContain('最多 50 个字符')
    expect(r.err).not.toMatch(/Internal error|内部错误|too_big|\[\s*\{/)
    const en = await run(['code', 'map', 'set', 'M1', '--entries', `北京=${'B'.repeat(200)}`], 'en')
    expect(en.err).toContain('Short code')
  })

  it('checks a pattern without opening any database', async () => {
    const none = join(root, 'never-created')
    const ok = await run(['code', 'check', '{type}-{region}-{date:yyyymmdd}-{serial:5}'], 'zh-CN', none)
    expect(ok.code).toBe(0)
    expect(ok.out).toContain('可以接受')
    expect(ok.out).toContain('type + region + date:yyyymmdd')
    const bad = await run(['code', 'check', '{date:yyyy}-{serial:5|per:date:yyyymm}'], 'en', none)
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('CODE_RULE_REFUSED')
    expect(bad.err).toContain('counts per yyyymm')
    expect(bad.err).toContain('2023-10-01')
    const two = await run(['code', 'check', '{type}{region}{serial:3}|x'], 'zh-CN', none)
    expect(two.code).toBe(2)
    expect(two.err.split('\n').filter((l) => l.startsWith('  - ')).length).toBeGreaterThanOrEqual(1)
    const json = await run(['code', 'check', '{serial:5}', '--json'], 'zh-CN', none)
    expect(JSON.parse(json.out)).toMatchObject({ accepted: true, against: 'structure' })
    expect(existsSync(none)).toBe(false)
  })

  it('previews without a database, taking the sample as given', async () => {
    const none = join(root, 'never-created-2')
    const r = await run(
      ['code', 'preview', '{region}-{serial:5}', '--sample', '{"region":"BJ"}', '--count', '3'],
      'zh-CN',
      none,
    )
    expect(r.code).toBe(0)
    expect(r.out.split('\n')).toEqual(['BJ-00001', 'BJ-00002', 'BJ-00003'])
    const j = await run(
      ['code', 'preview', '{type}{serial:3}', '--sample', '{"type":"VIP"}', '--count', '1', '--json'],
      'zh-CN',
      none,
    )
    expect(JSON.parse(j.out).items[0].code).toBe('VIP001')
    const missing = await run(['code', 'preview', '{region}-{serial:5}'], 'zh-CN', none)
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('地区')
    expect((await run(['code', 'preview', '{serial:5}', '--sample', '{bad'], 'en', none)).err).toContain(
      'not valid JSON',
    )
    const zero = await run(['code', 'preview', '{serial:5}', '--count', '0'], 'en', none)
    expect(zero.code).toBe(2)
    expect(zero.err).toContain('Count: at least 1')
    expect(existsSync(none)).toBe(false)
  })

  it('manages rules and maps against the tenant, refusing with every reason', async () => {
    let r = await run([
      'code',
      'rule',
      'create',
      '按类型',
      '{type}{serial:3}',
      '--condition',
      '{"all":[{"field":"type","op":"in","value":["RT","WH"]}]}',
    ])
    expect(r.code).toBe(0)
    expect(r.out).toContain('已新建规则“按类型”')
    r = await run(['code', 'rule', 'create', '零售', 'RT{serial:3}'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('可能重号')
    expect(r.err).toContain('按类型')
    r = await run(['code', 'check', 'RT{serial:3}', '--tenant', 'acme'])
    expect(r.code).toBe(2)
    // Flags are checked by the API's rule schema: every bad one named in words, exit 2, nothing stored.
    r = await run(['code', 'rule', 'create', 'x', '{serial:3}', '--mode', 'sometimes', '--position', 'first'], 'en')
    expect(r.code).toBe(2)
    expect(r.err).toContain('Mode: must be one of auto, auto-editable, manual')
    expect(r.err).toContain('Position: must be a number')
    r = await run(['code', 'rule', 'update', '按类型', '--mode', 'auto-editable'])
    expect(r.code).toBe(0)
    r = await run(['code', 'rule', 'list', '--json'])
    expect(JSON.parse(r.out).map((x: { name: string; mode: string }) => [x.name, x.mode])).toEqual([
      ['默认规则', 'auto'],
      ['按类型', 'auto-editable'],
    ])
    expect((await run(['code', 'rule', 'list'])).out).toContain('{type}{serial:3}')
    r = await run(['code', 'map', 'set', '地区简称', '--entries', '北京=BJ,上海=SH'])
    expect(r.out).toContain('2 项')
    r = await run(['code', 'map', 'set', '地区简称', '--entries', '北京=BJ,上海=SH,天津=TJ'])
    expect(r.code).toBe(0)
    expect((await run(['code', 'map', 'list'])).out).toContain('天津=TJ')
    expect((await run(['code', 'rule', 'delete', '默认规则'])).code).toBe(4)
    expect((await run(['code', 'rule', 'delete', '没有'])).code).toBe(3)
  })

  it('previews a stored rule, audits, reports capacity and re-codes', async () => {
    let r = await run(['code', 'preview', '--rule', '按类型', '--sample', '{"type":"RT"}', '--count', '2'])
    expect(r.out.split('\n')).toEqual(['RT001', 'RT002'])
    r = await run(['code', 'audit'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('检查了 0 个编码')
    r = await run(['code', 'capacity'])
    expect(r.out).toContain('还没有')
    expect((await run(['code', 'recode', '00001', '--to', 'X1'])).code).toBe(3)
    expect((await run(['code', 'find', 'NOPE'])).code).toBe(3)
    r = await run(['code', 'audit', '--fix', '--json'])
    expect(JSON.parse(r.out)).toMatchObject({ fixed: 0 })
    expect(JSON.parse((await run(['code', 'capacity', '--json'])).out)).toEqual([])
  })

  it('names CLI options in messages, prints errors as JSON with --json, and needs --next-if-taken for a taken code', async () => {
    let r = await run(['code', 'recode', 'NOPE'], 'en')
    expect(r.code).toBe(2)
    expect(r.err).toContain('--to')
    expect(r.err).toContain('--reallocate')
    expect(r.err).not.toContain('newCode')
    r = await run(['code', 'recode', 'NOPE', '--reallocate', '--json'])
    expect(r.code).toBe(3)
    expect(r.out).toBe('')
    expect(JSON.parse(r.err)).toMatchObject({ status: 404, code: 'CUSTOMER_NOT_FOUND', exitCode: 3 })
    r = await run(['customer', 'create', '--name', '甲', '--type', 'RT'])
    expect(r.code).toBe(0)
    r = await run(['customer', 'create', '--name', '乙', '--type', 'RT', '--code', 'rt001', '--json'], 'en')
    expect(r.code).toBe(4)
    expect(JSON.parse(r.err)).toMatchObject({
      code: 'CODE_TAKEN',
      status: 409,
      customerCode: 'RT001',
      suggestion: 'RT002',
      exitCode: 4,
    })
    r = await run(['customer', 'create', '--name', '乙', '--type', 'RT', '--code', 'RT1'], 'en')
    expect(r.code).toBe(2)
    expect(r.err).toContain('--code: The code RT1 does not fit the rule')
    r = await run(['customer', 'create', '--name', '乙', '--type', 'RT', '--code', 'ＲＴ００１', '--dry-run'], 'en')
    expect(r.out).toContain('Next free code: RT002 (add --next-if-taken')
    r = await run(
      ['customer', 'create', '--name', '乙', '--type', 'RT', '--code', 'ＲＴ００１', '--next-if-taken'],
      'en',
    )
    expect(r.code).toBe(0)
    expect(r.out).toContain('The code RT001 was taken; the rule issued RT002')
    // A typed re-code off the rule is kept, with the reason.
    r = await run(['code', 'recode', 'RT002', '--to', 'OLD-9'], 'en')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Re-coded: RT002 → OLD-9')
    expect(r.out).toContain('Note: The code OLD-9 does not fit the rule "按类型"')
  })

  it('shows where counters start before a scope change, and creates go on after it', async () => {
    let r = await run(['code', 'check', '{type}{serial:3|per:none}', '--rule', '按类型'], 'en')
    expect(r.code).toBe(0)
    expect(r.out).toContain('Counter (the whole rule): starts at 3 once saved (past RT002); next code RT003')
    r = await run(['code', 'rule', 'update', '按类型', '--pattern', '{type}{serial:3|per:none}'])
    expect(r.code).toBe(0)
    r = await run(['customer', 'create', '--name', '丙', '--type', 'WH'])
    expect(r.out).toContain('WH003')
  })
})
