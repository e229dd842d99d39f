// Export → file → import gives back every value (issue 17 point 7), on both databases: an XLSX export imported in
// update mode over the same tenant changes nothing, and a GB18030 CSV export imported into a fresh tenant of the
// same configuration exports again to the very same cells.
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { matchHeaders } from '@kehu/core'
import { createTableWriter, openTable } from '@kehu/files'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAttribute } from '../attributes/create-attribute.js'
import { createDimension } from '../attributes/create-dimension.js'
import { createNode } from '../classification/create-node.js'
import { createScheme } from '../classification/create-scheme.js'
import { loadClassIndex } from '../classification/internal/class-index.js'
import type { RequestContext } from '../context.js'
import { createCustomer } from '../customers/create-customer.js'
import { setCustomerStatus } from '../customers/set-customer-status.js'
import { type AppTest, setupAppTest } from '../testing/app-test.js'
import { type ExportCustomersInput, exportCustomers } from './export-customers.js'
import { layoutFor } from './internal/customer-cells.js'
import { type ImportSettings, runImport } from './internal/import-engine.js'

describe.each(testKinds())('export → import round trip on %s', (kind) => {
  let t: AppTest
  let dir: string
  beforeAll(async () => {
    t = await setupAppTest(kind)
    dir = await mkdtemp(join(tmpdir(), 'kehu-round-trip-'))
  })
  afterAll(async () => {
    await t?.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  /** A tenant with classes, regions, a user scheme, attributes of every type, and a rule that keeps typed codes. */
  async function configured(): Promise<RequestContext> {
    const ctx = t.ctx(await t.newTenant())
    await t.deps.store.transaction(async (tx) => {
      const tenant = await tx.tenants.byCode(ctx.tenant)
      const [rule] = await tx.codeRules.list(tenant!.id)
      await tx.codeRules.update({ ...rule!, mode: 'auto-editable', legacyCodes: true })
    })
    for (const [scheme, code, name, parentCode] of [
      ['class', '01', '批发', undefined],
      ['class', '01001', '华北批发', '01'],
      ['class', '02', '零售', undefined],
      ['region', 'HB', '华北', undefined],
      ['region', 'HBBJ', '北京', 'HB'],
    ] as const)
      await createNode(ctx, scheme, { code, name, ...(parentCode ? { parentCode } : {}) })
    await createScheme(ctx, { code: 'VALUE', name: '价值等级' })
    await createNode(ctx, 'VALUE', { code: 'A1', name: '高价值' })
    await createDimension(ctx, { code: 'SALES', name: '销售维度' } as never)
    for (const a of [
      { code: 'NOTE', name: '内部说明', type: 'text' },
      { code: 'AMOUNT', name: '年采购额', type: 'number', precision: 2 },
      { code: 'SINCE', name: '合作日期', type: 'date' },
      { code: 'VAT', name: '一般纳税人', type: 'boolean' },
      // a label equal to another option's code: the export writes codes, so the import cannot mix them up
      {
        code: 'LEVEL',
        name: '等级',
        type: 'single-choice',
        options: [
          { code: 'A', label: 'B' },
          { code: 'B', label: '乙级' },
        ],
      },
      {
        code: 'TAGS',
        name: '标签',
        type: 'multi-choice',
        options: [
          { code: 'vip', label: '贵宾' },
          { code: 'new', label: '新客' },
        ],
      },
      { code: 'HOME', name: '归属地区', type: 'reference', referenceScheme: 'region' },
    ])
      await createAttribute(ctx, 'SALES', a as never)
    return ctx
  }

  async function cellsOf(ctx: RequestContext): Promise<string[][]> {
    const x = await exportCustomers(ctx, {})
    const rows: string[][] = []
    for await (const page of x.pages) rows.push(...page)
    return rows
  }

  async function exportFile(ctx: RequestContext, input: ExportCustomersInput): Promise<string> {
    const x = await exportCustomers(ctx, input)
    const path = join(dir, `${randomUUID()}.${x.format}`)
    const out = createWriteStream(path)
    const writer = createTableWriter(out, {
      format: x.format,
      sheetName: x.sheetName,
      ...(x.encoding ? { encoding: x.encoding } : {}),
    })
    await writer.header(x.headers)
    for await (const page of x.pages) for (const row of page) await writer.row(row)
    await writer.end()
    return path
  }

  async function importFile(ctx: RequestContext, path: string, over: Partial<ImportSettings>) {
    const source = await openTable(path)
    const columns = await t.deps.store.read(async (tx) => {
      const tenant = await tx.tenants.byCode(ctx.tenant)
      return (await layoutFor(tx, tenant!.id, ctx.actor, await loadClassIndex(tx, tenant!.id))).columns
    })
    const mapping = matchHeaders(source.headers, columns)
    expect(mapping.columns.filter((c) => c.target === null)).toEqual([])
    return runImport(
      {
        ctx,
        jobId: randomUUID(),
        resumeAfter: undefined,
        step: (work) => ctx.deps.store.transaction(work, { cachedConfig: true }),
        report: async () => {},
      },
      source,
      { mapping, mode: 'insert', key: 'code', allOrNothing: true, dryRun: false, ...over },
    )
  }

  it('gives back every value, formulas, leading zeros, long numbers and attributes included', async () => {
    const a = await configured()
    const head = await createCustomer(a, { name: '北京华信集团有限公司', code: 'H-001', class: '02' })
    await createCustomer(a, {
      code: '00123',
      name: '=HYPERLINK("http://x")科技有限公司',
      shortName: '-5',
      mnemonic: 'HXKJ',
      uscc: '91350100M000100Y43',
      phone: '13812345678',
      email: 'a@b.cn',
      bankName: '中国工商银行',
      bankAccount: '6222020000001234567',
      taxNumber: '91350100M000100Y43',
      creditLimit: '1234567.89',
      registrationDate: '2024-02-29',
      headOffice: head.customer.code,
      remarks: '第一行\n第二行, "引号" @提醒 +86 😀',
      class: '01001',
      region: 'HBBJ',
      classes: { VALUE: 'A1' },
      attributes: {
        NOTE: '@备注',
        AMOUNT: '-12.5',
        SINCE: '2020-01-02',
        VAT: '否',
        LEVEL: 'A',
        TAGS: ['new', 'vip'],
        HOME: 'HBBJ',
      },
    })
    await createCustomer(a, { name: '停用客户有限公司', code: 'D-9', class: '02' })
    await setCustomerStatus(a, 'D-9', 'disabled')
    const before = await cellsOf(a)
    expect(before).toHaveLength(3)

    // XLSX over the same tenant, update by code: nothing differs, so nothing changes
    const same = await importFile(a, await exportFile(a, { format: 'xlsx' }), { mode: 'update' })
    expect(same.issues).toEqual([])
    expect([same.read, same.unchanged, same.updated, same.bad]).toEqual([3, 3, 0, 0])
    expect(await cellsOf(a)).toEqual(before)

    // GB18030 CSV into a fresh tenant of the same configuration: the same cells, codes kept
    const b = await configured()
    const fresh = await importFile(b, await exportFile(a, { format: 'csv', encoding: 'gb18030' }), {})
    expect(fresh.issues).toEqual([])
    expect([fresh.read, fresh.inserted, fresh.bad]).toEqual([3, 3, 0])
    expect(await cellsOf(b)).toEqual(before)
  })
})
