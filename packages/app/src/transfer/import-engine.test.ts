// The import engine against real databases: modes, dry run, all-or-nothing, bad rows with their columns, and a
// resume after a crash that neither repeats nor loses a row.
import { randomUUID } from 'node:crypto'
import { matchHeaders, type RowSource, transferColumns } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../classification/create-node.js'
import type { RequestContext } from '../context.js'
import { findCustomers } from '../customers/find-customers.js'
import { getCustomer } from '../customers/get-customer.js'
import { type AppTest, setupAppTest } from '../testing/app-test.js'
import { type ImportDriver, type ImportSettings, runImport } from './internal/import-engine.js'

const source = (headers: string[], rows: string[][]): RowSource => ({
  format: 'csv',
  headers,
  headerRow: 1,
  rows: (async function* () {
    for (const [i, cells] of rows.entries()) yield { row: i + 2, cells }
  })(),
})

/** A driver like a job's: each step commits the work with its checkpoint; `crashAfter` steps, it dies. */
function driver(ctx: RequestContext, jobId = randomUUID(), resumeAfter?: number, crashAfter = Infinity) {
  const checkpoints: number[] = []
  const d: ImportDriver = {
    ctx,
    jobId,
    resumeAfter,
    step: (work, next) => {
      if (checkpoints.length >= crashAfter) throw new Error('killed')
      return ctx.deps.store.transaction(
        async (tx) => {
          const out = await work(tx)
          checkpoints.push((next.checkpoint as { row: number }).row)
          return out
        },
        { cachedConfig: true },
      )
    },
    report: async () => {},
  }
  return { d, checkpoints, jobId }
}

const HEADERS = ['客户编码', '客户名称*', '所属地区', '电话', '建档日期', '状态']
const settings = (over: Partial<ImportSettings> = {}): ImportSettings => ({
  mapping: matchHeaders(HEADERS, transferColumns({ schemes: [], attributes: [] })),
  mode: 'insert',
  key: 'code',
  allOrNothing: false,
  dryRun: false,
  ...over,
})

describe.each(testKinds())('import engine on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind)
  })
  afterAll(() => t?.dispose())

  /** A tenant whose rule also takes typed codes, off-pattern ones as legacy codes. */
  async function tenantTakingCodes() {
    const ctx = t.ctx(await t.newTenant())
    await t.deps.store.transaction(async (tx) => {
      const tenant = await tx.tenants.byCode(ctx.tenant)
      const [rule] = await tx.codeRules.list(tenant!.id)
      await tx.codeRules.update({ ...rule!, mode: 'auto-editable', legacyCodes: true })
    })
    return ctx
  }

  async function tenantWithRegions() {
    const ctx = await tenantTakingCodes()
    await createNode(ctx, 'region', { code: '01', name: '华北' })
    await createNode(ctx, 'region', { code: '0101', name: '北京', parentCode: '01' })
    await createNode(ctx, 'region', { code: '0102', name: '天津', parentCode: '01' })
    return ctx
  }

  const ROWS = [
    ['', '北京甲公司', '华北/北京', '010-62345678', '2024年3月1日', '正常'],
    ['L-7', '天津乙公司', '天津', '', '2024/3/2', '停用'],
    ['', '坏日期公司', '0101', '', '2024-02-30', ''],
    ['', '北京甲公司', '北京', '', '', ''],
    ['', '无此地区公司', '华南', '', '', ''],
    ['', "'=危险公司", '', '', '', ''],
  ]

  it('commits the good rows, reports each bad one with its row, column and reason, and keeps them for the error file', async () => {
    const ctx = await tenantWithRegions()
    const { d, jobId } = driver(ctx)
    const r = await runImport(d, source(HEADERS, ROWS), settings())
    expect([r.read, r.inserted, r.bad, r.duplicates]).toEqual([6, 3, 3, 1])
    expect(r.issues.map((i) => [i.row, i.header, i.target, i.code])).toEqual([
      [4, '建档日期', 'registrationDate', 'IMPORT_DATE_INVALID'],
      [5, '客户名称*', 'name', 'IMPORT_DUPLICATE_IN_FILE'],
      [6, '所属地区', 'region', 'CLASS_NOT_FOUND'],
    ])
    expect(r.issues[1]!.message.zh).toBe('与第 2 行的客户名称相同')
    const list = await findCustomers(ctx, {})
    expect(list.items.map((c) => [c.customer.code, c.customer.name]).sort()).toEqual([
      ['00001', '北京甲公司'],
      ['00002', '=危险公司'],
      ['L-7', '天津乙公司'],
    ])
    const b = await getCustomer(ctx, 'L-7')
    expect([b.customer.status, b.customer.registrationDate, b.nodes.region?.code]).toEqual([
      'disabled',
      '2024-03-02',
      '0102',
    ])
    const errors = await t.deps.store.read(async (tx) => {
      const tenant = await tx.tenants.byCode(ctx.tenant)
      return tx.imports.errors(tenant!.id, jobId, 0, 10)
    })
    expect(errors.map((e) => [e.row, e.cells[1], JSON.parse(e.errors)[0].header])).toEqual([
      [4, '坏日期公司', '建档日期'],
      [5, '北京甲公司', '客户名称*'],
      [6, '无此地区公司', '所属地区'],
    ])
    expect(JSON.parse(errors[1]!.errors)[0]).toMatchObject({
      zh: '与第 2 行的客户名称相同',
      en: 'Same customer name as row 2',
    })
  })

  it('dry run: the same report, nothing written', async () => {
    const ctx = await tenantWithRegions()
    const r = await runImport(driver(ctx).d, source(HEADERS, ROWS), settings({ dryRun: true }))
    expect([r.dryRun, r.read, r.inserted, r.bad]).toEqual([true, 6, 3, 3])
    expect((await findCustomers(ctx, {})).total).toBe(0)
  })

  it('all-or-nothing writes nothing when a row is bad, everything when none is', async () => {
    const ctx = await tenantWithRegions()
    const bad = await runImport(driver(ctx).d, source(HEADERS, ROWS), settings({ allOrNothing: true }))
    expect([bad.inserted, bad.bad]).toEqual([0, 3])
    expect((await findCustomers(ctx, {})).total).toBe(0)
    const good = await runImport(driver(ctx).d, source(HEADERS, ROWS.slice(0, 2)), settings({ allOrNothing: true }))
    expect([good.inserted, good.bad]).toEqual([2, 0])
    expect((await findCustomers(ctx, {})).total).toBe(2)
  })

  it('updates by code, USCC or name; upsert inserts the rest; an unchanged row is counted as such', async () => {
    const ctx = await tenantWithRegions()
    await runImport(driver(ctx).d, source(HEADERS, ROWS.slice(0, 2)), settings())
    const upd = await runImport(
      driver(ctx).d,
      source(HEADERS, [
        ['00001', '', '', '13812345678', '', ''],
        ['L-7', '', '', '', '', '停用'],
        ['X-9', '', '', '', '', ''],
      ]),
      settings({ mode: 'update' }),
    )
    expect([upd.updated, upd.unchanged, upd.bad, upd.issues[0]?.code]).toEqual([1, 1, 1, 'IMPORT_CUSTOMER_NOT_FOUND'])
    expect((await getCustomer(ctx, '00001')).customer.phone).toBe('13812345678')
    const byName = await runImport(
      driver(ctx).d,
      source(HEADERS, [
        ['', '天津乙公司', '', '022-12345678', '', ''],
        ['', '丙公司', '', '', '', ''],
      ]),
      settings({ mode: 'upsert', key: 'name' }),
    )
    expect([byName.updated, byName.inserted, byName.bad]).toEqual([1, 1, 0])
    expect((await getCustomer(ctx, 'L-7')).customer.phone).toBe('022-12345678')
    const again = await runImport(driver(ctx).d, source(HEADERS, [['', '丙公司', '', '', '', '']]), settings())
    expect(again.issues.map((i) => i.code)).toEqual(['IMPORT_DUPLICATE_IN_ARCHIVE'])
  })

  it('resumes after a crash from the last committed batch: every row exactly once', async () => {
    const ctx = await tenantTakingCodes()
    const rows = Array.from({ length: 23 }, (_, i) => [`R${String(i).padStart(3, '0')}`, `公司${i}号`, '', '', '', ''])
    const first = driver(ctx, randomUUID(), undefined, 2)
    await expect(runImport(first.d, source(HEADERS, rows), settings({ batchSize: 5 }))).rejects.toThrow('killed')
    expect(first.checkpoints).toEqual([6, 11])
    expect((await findCustomers(ctx, {})).total).toBe(10)
    const second = driver(ctx, first.jobId, 11)
    const r = await runImport(second.d, source(HEADERS, rows), settings({ batchSize: 5 }))
    expect([r.read, r.inserted, r.bad]).toEqual([23, 23, 0])
    const all = await findCustomers(ctx, { limit: 100 })
    expect(all.items.map((c) => c.customer.code).sort()).toEqual(rows.map((r) => r[0]))
  })
})
