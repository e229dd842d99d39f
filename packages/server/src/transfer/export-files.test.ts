// Export → file → reader: every format the export writes reads back (openTable, as the import reads it) to the
// same cells, formulas unguarded, long digit strings and leading zeros intact, on both databases.
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { createCustomer, createNode, type ExportCustomersInput, exportCustomers } from '@kehu/app'
import { type AppTest, setupAppTest } from '@kehu/app/testing'
import { unguardCell } from '@kehu/core'
import { openTable } from '@kehu/files'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeTable } from './write-table.js'

const TRICKY = [
  { name: '=HYPERLINK("http://evil")有限公司', remarks: '+86 转 8', shortName: '-5' },
  { name: '@SUM(A1)科技有限公司', remarks: "'=already quoted", shortName: '+号' },
  { name: '逗号,引号"有限公司', remarks: '第一行\n第二行 𠮷野家 😀 ümlaut', shortName: '00123' },
  { name: '北京长数字有限公司', bankAccount: '6222020000001234567', phone: '13812345678', creditLimit: '1234567.89' },
]

describe.each(testKinds())('export files read back on %s', (kind) => {
  let t: AppTest
  let tenant: string
  let dir: string
  beforeAll(async () => {
    t = await setupAppTest(kind)
    tenant = await t.newTenant()
    dir = await mkdtemp(join(tmpdir(), 'kehu-export-files-'))
    await createNode(t.ctx(tenant), 'class', { code: '01', name: '批发' })
    for (const c of TRICKY)
      await createCustomer(t.ctx(tenant), { ...c, class: '01', registrationDate: '2024-02-29' } as never)
  })
  afterAll(async () => {
    await t?.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  const cases: [string, ExportCustomersInput][] = [
    ['xlsx', { format: 'xlsx' }],
    ['csv utf-8', { format: 'csv' }],
    ['csv gb18030', { format: 'csv', encoding: 'gb18030' }],
  ]
  it.each(cases)('%s: headers and every cell come back as exported', async (label, input) => {
    const expected = await exportCustomers(t.ctx(tenant), input)
    const cells: string[][] = []
    for await (const page of expected.pages) cells.push(...page)
    const x = await exportCustomers(t.ctx(tenant), input)
    const path = join(dir, `${label.replace(/\s/g, '-')}.${input.format}`)
    const out = createWriteStream(path)
    expect(await writeTable(out, x, x.pages)).toBe(TRICKY.length)
    await finished(out)
    const source = await openTable(path)
    expect(source.format).toBe(input.format)
    if (input.format === 'csv') expect(source.encoding).toBe(input.encoding ?? 'utf-8')
    expect(source.headers).toEqual(x.headers)
    const read: string[][] = []
    for await (const r of source.rows) read.push(r.cells.map(unguardCell))
    expect(read).toEqual(cells)
    const col = (h: string) => x.headers.indexOf(h)
    expect(read.map((r) => r[col('客户简称')]).sort()).toEqual(['', '+号', '-5', '00123'])
    expect(read.find((r) => r[col('银行账号')] === '6222020000001234567')?.[col('信用额度')]).toBe('1234567.89')
  })
})
