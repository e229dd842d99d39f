import { mkdtempSync, rmSync } from 'node:fs'
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

describe('kehu class', () => {
  let data: string
  const run = async (args: string[], lang: 'zh-CN' | 'en' = 'zh-CN') => {
    const io = bufferIo(lang)
    const code = await runCli(['--data', data, ...(lang === 'en' ? ['--lang', 'en'] : []), ...args], io)
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
  }
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'kehu-cli-class-'))
    expect((await run(['tenant', 'create', 'acme', '顶点公司', '--default'])).code).toBe(0)
  })
  afterAll(() => rmSync(data, { recursive: true, force: true }))

  it('builds a 2-3-4 tree, refuses a bad code with a clear message, moves with a preview', async () => {
    expect((await run(['class', 'add', 'class', '01', '华北'])).out).toContain('已新增 (01) 华北')
    expect((await run(['class', 'add', 'class', '01001', '华北大客户'])).code).toBe(0)
    expect((await run(['class', 'add', 'class', '010010001', '北京大客户'])).code).toBe(0)
    expect((await run(['class', 'add', 'class', '华东'])).out).toContain('(02) 华东')
    const bad = await run(['class', 'add', 'class', '010', '坏'])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('CLASS_INVALID')
    expect(bad.err).toContain('2-3-4')
    const orphan = await run(['class', 'add', 'class', '03001', 'x'], 'en')
    expect(orphan.err).toContain('The parent code 03 does not exist')
    const tree = await run(['class', 'tree', 'class'])
    expect(tree.out).toContain('** *** ****')
    expect(tree.out).toContain('    (010010001) 北京大客户')
    const preview = await run(['class', 'move', 'class', '01001', '--to', '02'])
    expect(preview.out).toContain('02001')
    expect(preview.out).toContain('--yes')
    expect((await run(['class', 'tree', 'class', '--json'])).out).toContain('"01001"')
    const moved = await run(['class', 'move', 'class', '01001', '--to', '02', '--yes', '--json'])
    expect(JSON.parse(moved.out).moves).toEqual([
      expect.objectContaining({ oldCode: '01001', newCode: '02001' }),
      expect.objectContaining({ oldCode: '010010001', newCode: '020010001' }),
    ])
    const after = JSON.parse((await run(['class', 'tree', 'class', '--json'])).out)
    expect(after.nodes.find((n: { code: string }) => n.code === '02001').aliases).toEqual(['01001'])
    expect((await run(['class', 'rename', 'class', '01001', '华东大客户'])).out).toContain('(02001) 华东大客户')
    expect((await run(['class', 'disable', 'class', '02001'])).code).toBe(0)
    const refused = await run(['class', 'assign', 'class', '020010001', '--filter', '{"all":[]}'])
    expect(refused.err).toContain('CLASS_DISABLED')
    expect((await run(['class', 'enable', 'class', '02001'])).code).toBe(0)
    expect((await run(['class', 'assign', 'class', '020010001', '--filter', '{"all":[]}'])).out).toContain(
      '预览：0 个客户',
    )
    expect((await run(['class', 'assign', 'class', '02', '--filter', '{"all":[]}'])).err).toContain('CLASS_NOT_LEAF')
    expect((await run(['class', 'assign', 'class', '020010001', '--filter', '{nope'])).err).toContain(
      'CLI_JSON_INVALID',
    )
  })

  it('manages schemes, rules, merges, deletes and re-classification', async () => {
    const s = await run(['class', 'scheme', 'create', 'value', '价值等级', '--levels', '2-3'])
    expect(s.out).toContain('已创建分类体系 VALUE 价值等级 ** ***')
    expect((await run(['class', 'add', 'VALUE', '01', '高'])).code).toBe(0)
    expect((await run(['class', 'add', 'VALUE', '01001', '战略'])).code).toBe(0)
    expect((await run(['class', 'add', 'VALUE', '02', '低'])).code).toBe(0)
    const used = await run(['class', 'scheme', 'update', 'VALUE', '--levels', '2-4'])
    expect(used.code).toBe(2)
    expect(used.err).toContain('第 2 级已被使用')
    expect((await run(['class', 'scheme', 'update', 'VALUE', '--levels', '2-3-2'])).out).toContain('** *** **')
    const schemes = JSON.parse((await run(['class', 'schemes', '--json'])).out)
    expect(schemes.map((x: { code: string }) => x.code)).toContain('VALUE')
    const rule = await run(['class', 'rule', 'add', 'VALUE', '全部', '--node', '02', '--when', '{"all":[]}'])
    expect(rule.code).toBe(0)
    expect((await run(['class', 'rule', 'list', 'VALUE'])).out).toContain('全部')
    expect((await run(['class', 'reclassify', 'VALUE'])).out).toContain('预览：0 个客户')
    expect((await run(['class', 'rule', 'delete', 'VALUE', '全部'])).code).toBe(0)
    expect((await run(['class', 'merge', 'VALUE', '02', '--into', '01001'])).out).toContain('已把 02 合并到 01001')
    const guard = await run(['class', 'delete', 'VALUE', '01'])
    expect(guard.code).toBe(4)
    expect(guard.err).toContain('1 个下级分类')
    expect((await run(['class', 'delete', 'VALUE', '01001'])).out).toContain('已删除 01001')
    expect((await run(['class', 'tree', 'NOPE'])).err).toContain('SCHEME_NOT_FOUND')
  })
})
