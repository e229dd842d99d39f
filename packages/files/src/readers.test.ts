// The readers against files other programs wrote (LibreOffice, iconv, a European Excel's semicolons) and
// against XLSX parts written by hand for what LibreOffice does not write (inline strings, float noise).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RowSource } from '@kehu/core'
import { describe, expect, it } from 'vitest'
import { openCsv } from './csv-reader.js'
import { openTable } from './open-table.js'
import { date, inline, makeZip, num, row, xlsxParts } from './testing/zip.js'
import { numberText, openXlsx, serialText } from './xlsx-reader.js'

export const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', name)
const tmp = mkdtempSync(join(tmpdir(), 'kehu-files-'))

async function all(src: RowSource) {
  const rows: Array<{ row: number; cells: string[] }> = []
  for await (const r of src.rows) rows.push(r)
  return rows
}

const CUSTOMERS = [
  ['C0001', '北京华信科技有限公司', '北京', '海淀区', '13812345678', '2019-03-15', '0.3'],
  ['C0002', '上海远东贸易有限公司', '上海', '浦东新区', '862155551234', '2001-12-31', '1234567.89'],
  ['C0003', '=HYPERLINK 不是公式', '', '广州', '', '1999-01-01', ''],
]
const HEADERS = ['客户编码', '客户名称', '地址/省', '地址/市', '电话', '成立日期', '信用额度']

describe('CSV reader', () => {
  it.each([
    ['customers-utf8-bom.csv', 'utf-8', true],
    ['customers-libreoffice.csv', 'utf-8', false],
    ['customers-gbk.csv', 'gb18030', false],
  ] as const)('reads %s (%s, BOM %s): title row skipped, two-row header joined', async (file, encoding, bom) => {
    const src = await openTable(fixture(file))
    expect(src).toMatchObject({ format: 'csv', encoding, bom, headers: HEADERS, headerRow: 2 })
    const rows = await all(src)
    expect(rows.map((r) => r.row)).toEqual([4, 5, 6])
    expect(rows.map((r) => r.cells)).toEqual(CUSTOMERS)
  })

  it('takes a chosen encoding over detection', async () => {
    const src = await openCsv(fixture('customers-gbk.csv'), { encoding: 'gb18030' })
    expect((await all(src))[0]?.cells[1]).toBe('北京华信科技有限公司')
  })

  it('names the first bad row when a GBK file is read as UTF-8', async () => {
    const src = await openCsv(fixture('customers-gbk.csv'), { encoding: 'utf-8' }).catch((e) => e)
    expect(src).toMatchObject({ code: 'FILE_ENCODING', details: { row: 1 } })
  })

  it('detects semicolons, reads quoted delimiters, quotes and newlines, skips empty lines, pads short rows', async () => {
    const src = await openTable(fixture('semicolon-quoted.csv'))
    expect(src.headers).toEqual(['客户编码', '客户名称', '备注'])
    expect(await all(src)).toEqual([
      { row: 2, cells: ['C1', '甲公司; 北京', '第一行\r\n第二行'] },
      { row: 3, cells: ['C2', '乙"丙"公司', ''] },
      { row: 5, cells: ['C3', '丁公司', ''] },
    ])
  })

  it('detects tabs', async () => {
    const src = await openTable(fixture('tab.csv'))
    expect(await all(src)).toEqual([{ row: 2, cells: ['T1', '天津一号', '022-12345678'] }])
  })

  it('reads a stream as well as a path', async () => {
    const { Readable } = await import('node:stream')
    const src = await openCsv(Readable.from([Buffer.from('编码,名称\r\n'), Buffer.from('A,甲\r\n')]))
    expect(await all(src)).toEqual([{ row: 2, cells: ['A', '甲'] }])
  })
})

describe('XLSX reader', () => {
  it('reads a LibreOffice workbook: first sheet with values, banner skipped, merged headers, dates, numbers', async () => {
    const src = await openTable(fixture('customers-libreoffice.xlsx'))
    expect(src).toMatchObject({ format: 'xlsx', sheet: '客户', sheets: ['封面', '客户', '其他'], headerRow: 2 })
    expect(src.headers).toEqual(HEADERS)
    const rows = await all(src)
    expect(rows.map((r) => r.row)).toEqual([4, 5, 6])
    expect(rows.map((r) => r.cells)).toEqual(CUSTOMERS)
  })

  it('reads dates of the 1904 date system', async () => {
    const rows = await all(await openXlsx(fixture('customers-libreoffice-1904.xlsx')))
    expect(rows.map((r) => r.cells[5])).toEqual(['2019-03-15', '2001-12-31', '1999-01-01'])
  })

  it('picks a sheet by name, and names the sheets there are when it is missing', async () => {
    const src = await openXlsx(fixture('customers-libreoffice.xlsx'), { sheet: '其他' })
    expect(src.headers).toEqual(['编码', '名称'])
    expect(await all(src)).toEqual([{ row: 2, cells: ['X1', '另一张表'] }])
    await expect(openXlsx(fixture('customers-libreoffice.xlsx'), { sheet: '无' })).rejects.toMatchObject({
      code: 'FILE_SHEET_NOT_FOUND',
      details: { sheets: ['封面', '客户', '其他'] },
    })
  })

  it('reads inline strings, float noise as Excel shows it, long integers, date serials, sparse cells', async () => {
    const path = join(tmp, 'hand.xlsx')
    writeFileSync(
      path,
      makeZip(
        xlsxParts(
          row(1, inline('A1', '名称') + inline('B1', '金额') + inline('C1', '电话') + inline('D1', '日期')) +
            row(
              2,
              inline('A2', '甲 &amp; 乙') +
                num('B2', '0.30000000000000004') +
                num('C2', '13812345678') +
                date('D2', 43539),
            ) +
            row(4, num('B4', '123456789012345') + date('D4', 43539.5)),
        ),
      ),
    )
    const src = await openXlsx(path)
    expect(src.headers).toEqual(['名称', '金额', '电话', '日期'])
    expect(await all(src)).toEqual([
      { row: 2, cells: ['甲 & 乙', '0.3', '13812345678', '2019-03-15'] },
      { row: 4, cells: ['', '123456789012345', '', '2019-03-15 12:00:00'] },
    ])
  })
})

describe('cell text', () => {
  it('prints numbers as Excel does', () => {
    expect(numberText(0.1 + 0.2)).toBe('0.3')
    expect(numberText(13812345678)).toBe('13812345678')
    expect(numberText(123456789012345)).toBe('123456789012345')
    expect(numberText(1234567.89)).toBe('1234567.89')
    expect(numberText(-0.5)).toBe('-0.5')
    expect(numberText(1e-7)).toBe('0.0000001')
  })
  it('prints date serials in both date systems', () => {
    expect(serialText(43539, false)).toBe('2019-03-15')
    expect(serialText(43539 - 1462, true)).toBe('2019-03-15')
    expect(serialText(1, false)).toBe('1900-01-01')
    expect(serialText(61, false)).toBe('1900-03-01')
    expect(serialText(0.75 + 45000, false)).toBe('2023-03-15 18:00:00')
  })
})
