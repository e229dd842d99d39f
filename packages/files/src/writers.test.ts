// The writers against the readers: whatever a cell holds, write → read → unguard gives it back.
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type TextEncoding, type TransferFormat, unguardCell } from '@kehu/core'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { openTable } from './open-table.js'
import { createTableWriter } from './writers.js'

const tmp = mkdtempSync(join(tmpdir(), 'kehu-writers-'))
let n = 0

async function roundTrip(format: TransferFormat, encoding: TextEncoding, header: string[], rows: string[][]) {
  const path = join(tmp, `t${n++}.${format}`)
  const w = createTableWriter(createWriteStream(path), { format, encoding, sheetName: '客户' })
  await w.header(header)
  for (const r of rows) await w.row(r)
  await w.end()
  const src = await openTable(path, { encoding: 'auto' })
  const back: string[][] = []
  for await (const r of src.rows) back.push(r.cells)
  return { path, src, back }
}

const TRICKY = [
  '=1+2',
  '+8613812345678',
  '-5',
  '@SUM(A1)',
  '\tx',
  '\rx',
  "'=x",
  "''+y",
  '"',
  'a""b',
  ',',
  ';',
  'line\nbreak',
  'crlf\r\nbreak',
  '北京华信科技有限公司',
  '😀 emoji',
  '_x0041_',
  'ctl\u0001\u001f\u007f',
  '  leading and trailing  ',
  '',
  '00123',
  '0.30000000000000004',
  '1e5',
  '2019-03-15',
  '&amp; &lt;',
]
const cell = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 30 }))
const table = fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 15 })
const HEADER = ['编号', '客户名称', '备注', '电话']

describe.each([
  ['csv', 'utf-8'],
  ['csv', 'gb18030'],
  ['xlsx', 'utf-8'],
] as const)('%s writer (%s)', (format, encoding) => {
  it('round-trips every cell through the reader and the import unguard', async () => {
    await fc.assert(
      fc.asyncProperty(table, async (rows) => {
        // A GB18030 reader takes U+FFFD for a byte it could not decode (that is how iconv reports one), so a literal
        // U+FFFD cannot travel through GB18030: known limit, left out here.
        const data = rows.map((r, i) => [
          `R${i + 1}`,
          ...(encoding === 'gb18030' ? r.map((c) => c.replaceAll('\uFFFD', '?')) : r),
        ])
        const { src, back } = await roundTrip(format, encoding, HEADER, data)
        expect(src.headers).toEqual(HEADER)
        expect(back.map((r) => r.map(unguardCell))).toEqual(data)
      }),
      { numRuns: format === 'xlsx' ? 40 : 100 },
    )
  })

  it('guards data cells but not headers', async () => {
    const { back } = await roundTrip(format, encoding, ['=编号', '名称'], [['=1+2', '@x']])
    expect(back).toEqual([["'=1+2", "'@x"]])
  })
})

describe('CSV bytes', () => {
  it('UTF-8 starts with a BOM, lines end CRLF, quotes only where needed', async () => {
    const { path } = await roundTrip(
      'csv',
      'utf-8',
      ['a', 'b'],
      [
        ['x,y', 'say "hi"'],
        ['plain', ''],
      ],
    )
    expect(readFileSync(path, 'utf8')).toBe('\ufeffa,b\r\n"x,y","say ""hi"""\r\nplain,\r\n')
  })
  it('GB18030 has no BOM and the bytes Excel on Chinese Windows reads', async () => {
    const { path } = await roundTrip('csv', 'gb18030', ['客户编码', '客户名称'], [['C1', '北京']])
    const bytes = readFileSync(path)
    expect(bytes.subarray(0, 2)).toEqual(iconv.encode('客', 'gbk'))
    expect(iconv.decode(bytes, 'gbk')).toBe('客户编码,客户名称\r\nC1,北京\r\n')
  })
})

describe('XLSX writing', () => {
  it('keeps codes and numbers as text, names the sheet, streams many rows', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`00${i}`, `客户${i}`, '13812345678', String(i * 0.1)])
    const { src, back } = await roundTrip('xlsx', 'utf-8', HEADER, rows)
    expect(src.sheet).toBe('客户')
    expect(back).toEqual(rows)
  })
})
