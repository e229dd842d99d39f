import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Io } from '../io.js'
import { runCli } from '../program.js'
import { parseOptions } from './dimension/shared.js'

function bufferIo(lang: 'zh-CN' | 'en' = 'zh-CN'): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (s) => stdout.push(s), err: (s) => stderr.push(s), lang }
}

describe('kehu dimension', () => {
  let data: string
  const run = async (args: string[], lang: 'zh-CN' | 'en' = 'zh-CN') => {
    const io = bufferIo(lang)
    const code = await runCli(['--data', data, ...(lang === 'en' ? ['--lang', 'en'] : []), ...args], io)
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
  }
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'kehu-dim-'))
    // The demo tenant brings a class tree (01 …) for "applies to".
    expect((await run(['demo', '--customers', '5'])).code).toBe(0)
  })
  afterAll(() => rmSync(data, { recursive: true, force: true }))

  it('parses options lists', () => {
    expect(parseOptions('A=甲级, B=乙级，C')).toEqual([
      { code: 'A', label: '甲级', enabled: true },
      { code: 'B', label: '乙级', enabled: true },
      { code: 'C', label: 'C', enabled: true },
    ])
  })

  it('creates dimensions and attributes, lists them, previews and applies changes', async () => {
    let r = await run(['dimension', 'create', 'SALES', '销售维度', '--applies-to-class', '01'])
    expect([r.code, r.out]).toEqual([0, '已创建管理维度 SALES 销售维度'])
    r = await run([
      'dimension',
      'attr',
      'add',
      'SALES',
      'SINCE',
      '合作日期',
      '--type',
      'date',
      '--required',
      '--default',
      '2020-01-01',
      '--min',
      '2000-01-01',
    ])
    // The demo customers under 01 are left empty: counted, not given the default.
    expect([r.code, r.out]).toEqual([0, expect.stringMatching(/^已添加维度属性 SINCE 合作日期；\d+ 个已有客户未填/)])
    r = await run(['dimension', 'attr', 'incomplete', 'SINCE', '--json', '--limit', '1'])
    const incomplete = JSON.parse(r.out)
    expect(incomplete.count).toBeGreaterThan(0)
    expect(incomplete.customers).toHaveLength(1)
    // number flags are checked by the route's schema, named in words
    r = await run(['dimension', 'attr', 'incomplete', 'SINCE', '--limit', 'x'])
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('每页条数')])
    r = await run(['customer', 'list', '--limit', '501'])
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('每页条数')])
    r = await run(['dimension', 'attr', 'fill', 'SINCE', '2019-01-01', '--dry-run'])
    expect([r.code, r.out]).toEqual([0, `将为 ${incomplete.count} 个客户填入 2019-01-01（未修改）`])
    r = await run(['dimension', 'attr', 'fill', 'SINCE', '1999-01-01'])
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('ATTR_FILL_INVALID')])
    r = await run(['dimension', 'attr', 'fill', 'SINCE', '2019-01-01', '--lang', 'en'])
    expect([r.code, r.out]).toEqual([0, `Filled 2019-01-01 into ${incomplete.count} customers`])
    r = await run(['dimension', 'attr', 'incomplete', 'SINCE'])
    expect(r.out).toBe('0 个客户未填 SINCE')
    r = await run([
      'dimension',
      'attr',
      'add',
      'SALES',
      'LEVEL',
      '等级',
      '--type',
      'single-choice',
      '--options',
      'A=甲级,B=乙级',
      '--unique',
      '--indexed',
      '--json',
    ])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out).attribute).toMatchObject({
      code: 'LEVEL',
      unique: true,
      indexed: true,
      options: [
        { code: 'A', label: '甲级' },
        { code: 'B', label: '乙级' },
      ],
    })
    r = await run(['dimension', 'list', '--json'])
    const list = JSON.parse(r.out)
    expect(list[0]).toMatchObject({ code: 'SALES', appliesTo: { all: [{ field: 'class', op: 'under', value: '01' }] } })
    expect(list[0].attributes.map((a: { code: string }) => a.code)).toEqual(['SINCE', 'LEVEL'])
    r = await run(['dimension', 'list'])
    expect(r.out).toContain('SINCE')
    expect(r.out).toContain('required')
    r = await run(['dimension', 'attr', 'preview', 'LEVEL', '--type', 'multi-choice', '--json'])
    expect(JSON.parse(r.out)).toMatchObject({ conflicts: [], held: 0 })
    r = await run(['dimension', 'attr', 'update', 'LEVEL', '--name', '客户等级', '--no-unique'])
    expect([r.code, r.out]).toEqual([0, '已修改维度属性 LEVEL（改写 0 个取值）'])
    r = await run(['dimension', 'update', 'SALES', '--applies-to-all', '--json'])
    expect(JSON.parse(r.out).appliesTo).toBeNull()
    r = await run(['dimension', 'attr', 'delete', 'LEVEL'])
    expect(r.code).toBe(0)
    // The demo customers hold the filled date: the dimension is in use.
    r = await run(['dimension', 'delete', 'SALES'])
    expect([r.code, r.err]).toEqual([4, expect.stringContaining('[DIMENSION_IN_USE]')])
    r = await run(['dimension', 'attr', 'delete', 'SINCE', '--force', '--json'])
    expect(JSON.parse(r.out).removedValues).toBeGreaterThan(0)
    r = await run(['dimension', 'delete', 'SALES'])
    expect([r.code, r.out]).toEqual([0, '已删除管理维度 SALES'])
  })

  it('refuses bad input with every problem, in both languages, with the right exit codes', async () => {
    await run(['dimension', 'create', 'D', '维度'])
    let r = await run([
      'dimension',
      'attr',
      'add',
      'D',
      'N',
      '数量',
      '--type',
      'number',
      '--min',
      '5',
      '--max',
      '1',
      '--options',
      'A',
    ])
    expect(r.code).toBe(2)
    expect(r.err).toContain('[ATTR_DEF_INVALID]')
    expect(r.err).toContain('取值约束 › 最小值')
    expect(r.err).toContain('选项')
    r = await run(['dimension', 'attr', 'add', 'D', 'X', 'x', '--type', 'money'], 'en')
    expect(r.code).toBe(2)
    expect(r.err).toContain('type')
    r = await run(['dimension', 'attr', 'add', 'D', 'R', '必填', '--type', 'text', '--required'], 'en')
    expect([r.code, r.out]).toEqual([
      0,
      expect.stringMatching(
        /^Added attribute R 必填; \d+ existing customers have no value and are listed as incomplete/,
      ),
    ])
    r = await run(['dimension', 'create', 'D', '重复'])
    expect([r.code, r.err]).toEqual([4, expect.stringContaining('管理维度编码 D 已存在')])
    r = await run(['dimension', 'attr', 'update', 'NOPE', '--name', 'x'])
    expect(r.code).toBe(3)
    r = await run(['dimension', 'create', 'E', 'e', '--applies-to', '{oops'])
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('--applies-to 不是有效的 JSON')])
    r = await run(['dimension', 'create', 'E', 'e', '--applies-to-class', '99'])
    expect(r.code).toBe(2)
  })
})
