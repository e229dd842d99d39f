// kehu import against a SQLite folder: files other programs wrote (GBK CSV, UTF-8 BOM CSV, LibreOffice XLSX), the
// error file fixed and imported again, and a kill -9 in the middle of a file followed by a re-run.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openTable } from '@kehu/files'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Io } from '../io.js'
import { runCli } from '../program.js'

const root = fileURLToPath(new URL('../../../../', import.meta.url))
const fixture = (name: string) => join(root, 'packages/files/fixtures', name)

describe('kehu import', () => {
  let data: string
  const run = async (args: string[], lang: 'zh-CN' | 'en' = 'en') => {
    const out: string[] = []
    const err: string[] = []
    const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), lang }
    const code = await runCli(['--data', data, '--lang', lang, ...args], io)
    return { code, out: out.join('\n'), err: err.join('\n') }
  }
  const names = async () =>
    (
      JSON.parse((await run(['customer', 'list', '--limit', '100', '--json'])).out) as { items: { name: string }[] }
    ).items
      .map((c) => c.name)
      .sort()
  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'kehu-import-'))
    expect((await run(['tenant', 'create', 't1', '测试'])).code).toBe(0)
    // legacy codes from the old system are kept: the rule takes typed codes, off-pattern ones too
    expect((await run(['code', 'rule', 'update', '默认规则', '--mode', 'auto-editable', '--legacy-codes'])).code).toBe(
      0,
    )
  })
  afterAll(() => rmSync(data, { recursive: true, force: true }))

  it('dry-runs a GBK CSV: every bad cell with row and column, nothing written, exit 2', async () => {
    const r = await run(['import', fixture('customers-gbk.csv'), '--dry-run'])
    expect(r.code).toBe(2)
    expect(r.out).toContain('Dry run (nothing written): read 3, would insert 2')
    expect(r.out).toContain('row 5 电话: Not a recognised phone number: 862155551234')
    expect(r.err).toContain('CLI_IMPORT_ROWS_BAD')
    expect(await names()).toEqual([])
  })

  it('imports a LibreOffice XLSX, gives the bad row back in an XLSX error file that imports once fixed', async () => {
    const errors = join(data, 'errors.xlsx')
    const r = await run(['import', fixture('customers-libreoffice.xlsx'), '--errors', errors], 'zh-CN')
    expect(r.code).toBe(2)
    expect(r.out).toContain('导入完成：读取 3 行，新增 2')
    const bad = await openTable(errors)
    expect(bad.format).toBe('xlsx')
    expect(bad.headers).toEqual([
      '客户编码',
      '客户名称',
      '地址/省',
      '地址/市',
      '电话',
      '成立日期',
      '信用额度',
      '错误说明',
    ])
    const rows = []
    for await (const row of bad.rows) rows.push(row.cells)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.slice(0, 2)).toEqual(['C0002', '上海远东贸易有限公司'])
    expect(rows[0]![7]).toContain('电话: 无法识别的电话号码')
    // fixed in the error file's own layout (the error column is ignored): imports cleanly
    const fixed = join(data, 'fixed.csv')
    writeFileSync(
      fixed,
      `${bad.headers.join(',')}\r\n${rows[0]!.slice(0, 4).join(',')},021-55551234,2001-12-31,1234567.89,\r\n`,
    )
    const again = await run(['import', fixed])
    expect([again.code, again.out]).toEqual([
      0,
      'Imported: read 1, inserted 1, updated 0, unchanged 0; 0 bad (0 duplicates)',
    ])
    expect(await names()).toEqual(['=HYPERLINK 不是公式', '上海远东贸易有限公司', '北京华信科技有限公司'])
    // the UTF-8 BOM CSV of the same rows, by code: nothing changes
    const upsert = await run([
      'import',
      fixture('customers-utf8-bom.csv'),
      '--mode',
      'upsert',
      '--key',
      'code',
      '--json',
    ])
    expect(JSON.parse(upsert.out)).toMatchObject({ read: 3, inserted: 0, unchanged: 2, bad: 1 })
  })

  it('a kill -9 in the middle of a file, then the same command again: every row exactly once', async () => {
    const file = join(data, 'many.csv')
    // Large enough that the importer is still busy when the first batches are seen (imports got faster)
    const count = 12_000
    writeFileSync(
      file,
      `客户名称,备注\n${Array.from({ length: count }, (_, i) => `批量公司${i}号,r${i}`).join('\n')}\n`,
    )
    const hook = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(new URL('bench/resolve-src.mjs', `file://${root}`).href)})`
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', hook, join(root, 'packages/cli/src/main.ts'), '--data', data, 'import', file],
      { cwd: root, stdio: 'ignore' },
    )
    const exited = new Promise((r) => child.on('exit', r))
    let seen = 0
    for (const start = Date.now(); seen < 1000 && Date.now() - start < 60_000; ) {
      await new Promise((r) => setTimeout(r, 100))
      // the importer holds the write lock during a batch; a busy database is asked again
      const list = await run(['customer', 'list', '--limit', '1', '--json'])
      if (list.code === 0) seen = JSON.parse(list.out).total - 3
    }
    child.kill('SIGKILL')
    await exited
    expect(seen).toBeGreaterThanOrEqual(1000)
    const between = JSON.parse((await run(['customer', 'list', '--limit', '1', '--json'])).out).total - 3
    expect(between).toBeLessThan(count)
    const again = await run(['import', file, '--json'])
    expect(again.code, again.out + again.err).toBe(0)
    expect(JSON.parse(again.out)).toMatchObject({ read: count, bad: 0 })
    const all: string[] = []
    for (let offset = 0; ; offset += 500) {
      const page = JSON.parse(
        (await run(['customer', 'list', '--limit', '500', '--offset', String(offset), '--json'])).out,
      )
      all.push(...page.items.map((c: { name: string }) => c.name))
      if (page.items.length < 500) break
    }
    const imported = all.filter((n) => n.startsWith('批量公司'))
    expect(imported.length).toBe(count)
    expect(new Set(imported).size).toBe(count)
    expect(readFileSync(file, 'utf8').split('\n').length).toBe(count + 2)
  }, 300_000)
})
