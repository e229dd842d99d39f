// `kehu export`: the list's filter flags, the file written whole or not at all, a bad filter refused.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Io } from '../io.js'
import { runCli } from '../program.js'

describe('kehu export', () => {
  let root: string
  let data: string
  const run = async (args: string[]) => {
    const stdout: string[] = []
    const stderr: string[] = []
    const io: Io = { out: (s) => stdout.push(s), err: (s) => stderr.push(s), lang: 'zh-CN' }
    const code = await runCli(['--data', data, ...args], io)
    return { code, out: stdout.join('\n'), err: stderr.join('\n') }
  }
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kehu-cli-export-'))
    data = join(root, 'data')
    expect((await run(['tenant', 'create', 'acme', '顶点公司', '--default'])).code).toBe(0)
    for (const [code, name] of [
      ['01', '批发'],
      ['02', '零售'],
    ])
      expect((await run(['class', 'add', 'class', code as string, name as string])).code).toBe(0)
    for (const [name, cls] of [
      ['批发甲有限公司', '01'],
      ['批发乙有限公司', '01'],
      ['零售丙有限公司', '02'],
    ])
      expect((await run(['customer', 'create', '--name', name as string, '--class', cls as string])).code).toBe(0)
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('writes the filtered customers to a CSV file named by -o, format by the extension', async () => {
    const file = join(root, '批发客户.csv')
    const r = await run(['export', '--class', '01', '-o', file])
    expect(r).toMatchObject({ code: 0, out: `已导出 2 个客户 → ${file}` })
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
    expect(lines[0]).toMatch(/^客户编码,客户名称,/)
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['批发甲有限公司', '批发乙有限公司'])
    expect(existsSync(`${file}.part`)).toBe(false)
  })

  it('refuses a bad filter or a misplaced --encoding and leaves no file behind', async () => {
    const file = join(root, 'bad.csv')
    const bad = await run(['export', '--class', '99', '-o', file])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('没有编码为 99 的分类')
    const conflict = await run(['export', '--encoding', 'gb18030', '-o', join(root, 'x.xlsx')])
    expect(conflict.code).toBe(2)
    expect(conflict.err).toContain('--encoding 只用于 CSV')
    expect(existsSync(file) || existsSync(`${file}.part`)).toBe(false)
  })
})
