// The export use case on both databases: the list's filter, the template layout with values as the import
// reads them, keyset pages, data scopes, sensitive columns left out, one audit event however it ends.
import type { Actor } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../access/create-user.js'
import { setMember } from '../access/members.js'
import { resolveActor } from '../access/resolve-actor.js'
import { createAttribute } from '../attributes/create-attribute.js'
import { createDimension } from '../attributes/create-dimension.js'
import { createNode } from '../classification/create-node.js'
import { createScheme } from '../classification/create-scheme.js'
import type { RequestContext } from '../context.js'
import { createCustomer } from '../customers/create-customer.js'
import { createCustomers } from '../customers/create-customers.js'
import { type AppTest, failure, setupAppTest } from '../testing/app-test.js'
import { type CustomerExport, exportCustomers } from './export-customers.js'
import { importTemplate } from './import-template.js'

async function drain(x: CustomerExport): Promise<string[][]> {
  const rows: string[][] = []
  for await (const page of x.pages) rows.push(...page)
  return rows
}
/** Rows as records by header, for readable expectations. */
const records = (x: CustomerExport, rows: string[][]) =>
  rows.map((r) => Object.fromEntries(x.headers.map((h, i) => [h, r[i]])))

describe.each(testKinds())('customer export on %s', (kind) => {
  let t: AppTest
  let tenant: string
  const admin = () => t.ctx(tenant)
  const exportEvents = () =>
    t.deps.store.read(async (tx) => {
      const id = (await tx.tenants.byCode(tenant))!.id
      return (await tx.audit.listFor(id, 'tenant', id)).filter((e) => e.action === 'customers.exported')
    })
  beforeAll(async () => {
    t = await setupAppTest(kind)
    tenant = await t.newTenant()
    for (const [scheme, code, name, parentCode] of [
      ['class', '01', '批发', undefined],
      ['class', '01001', '华北批发', '01'],
      ['class', '01002', '华东批发', '01'],
      ['class', '02', '零售', undefined],
      ['region', 'HB', '华北', undefined],
      ['region', 'HBBJ', '北京', 'HB'],
    ] as const)
      await createNode(admin(), scheme, { code, name, ...(parentCode ? { parentCode } : {}) })
    await createScheme(admin(), { code: 'VALUE', name: '价值等级' })
    await createNode(admin(), 'VALUE', { code: 'A1', name: '高价值' })
    await createDimension(admin(), { code: 'SALES', name: '销售维度' } as never)
    for (const a of [
      { code: 'AMOUNT', name: '年采购额', type: 'number', precision: 2 },
      { code: 'SINCE', name: '合作日期', type: 'date' },
      { code: 'VAT', name: '一般纳税人', type: 'boolean' },
      { code: 'LEVEL', name: '等级', type: 'single-choice', options: [{ code: 'A', label: '甲级' }] },
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
      await createAttribute(admin(), 'SALES', a as never)
    const head = await createCustomer(admin(), { name: '北京华信集团有限公司', class: '01002' })
    await createCustomer(admin(), {
      name: '北京华信科技有限公司',
      shortName: '=华信',
      phone: '13812345678',
      creditLimit: '500000.5',
      registrationDate: '2024-03-01',
      headOffice: head.customer.code,
      class: '01001',
      region: 'HBBJ',
      classes: { VALUE: 'A1' },
      attributes: { AMOUNT: '12.5', SINCE: '2020-01-02', VAT: '是', LEVEL: 'A', TAGS: ['new', 'vip'], HOME: 'HBBJ' },
    })
    await createCustomer(admin(), { name: '上海零售有限公司', class: '02' })
  })
  afterAll(() => t?.dispose())

  it('exports the filtered customers in the template layout, values as the import reads them', async () => {
    const x = await exportCustomers(admin(), { class: '01' })
    expect(x.format).toBe('xlsx')
    expect(x.fileName).toMatch(/^客户档案-20\d{6}\.xlsx$/)
    expect(x.total).toBe(2)
    expect(x.headers.slice(0, 3)).toEqual(['客户编码', '客户名称', '客户简称'])
    expect(x.headers.slice(-7)).toEqual(['价值等级', '年采购额', '合作日期', '一般纳税人', '等级', '标签', '归属地区'])
    const rows = records(x, await drain(x))
    const head = rows.find((r) => r.客户名称 === '北京华信集团有限公司')!
    expect(rows.find((r) => r.客户名称 === '北京华信科技有限公司')).toMatchObject({
      客户简称: '=华信', // the writer guards formulas, not the use case
      电话: '13812345678',
      信用额度: '500000.50',
      建档日期: '2024-03-01',
      总公司编码: head.客户编码,
      客户分类: '01001',
      地区分类: 'HBBJ',
      价值等级: 'A1',
      年采购额: '12.50',
      合作日期: '2020-01-02',
      一般纳税人: '是',
      等级: 'A',
      标签: 'new,vip',
      归属地区: 'HBBJ',
      状态: 'active',
    })
    expect(head).toMatchObject({ 总公司编码: '', 年采购额: '', 标签: '' })
    expect((await exportCustomers({ ...admin(), lang: 'en' }, {})).headers.slice(0, 2)).toEqual([
      'Customer code',
      'Name',
    ])
  })

  it('reads keyset pages: every customer exactly once, in id order, across page boundaries', async () => {
    const more = await createCustomers(
      admin(),
      Array.from({ length: 23 }, (_, i) => ({ name: `分页测试${i}有限公司`, class: '02' })),
    )
    const x = await exportCustomers(admin(), { class: '02' }, { pageSize: 5 })
    const pages: number[] = []
    const codes: string[] = []
    for await (const page of x.pages) {
      pages.push(page.length)
      codes.push(...page.map((r) => r[0]!))
    }
    expect(pages).toEqual([5, 5, 5, 5, 4])
    expect(new Set(codes).size).toBe(24)
    expect(codes).toEqual(expect.arrayContaining(more.map((c) => c.customer.code)))
  })

  it('refuses a bad filter before any row, and callers without the export permission', async () => {
    const e = await failure(exportCustomers(admin(), { class: '99', status: 'gone' }))
    expect(e.issues.map((i) => i.code).sort()).toEqual(['CLASS_NOT_FOUND', 'CUSTOMER_STATUS_UNKNOWN'])
    const reader: Actor = { ...t.actor, isAdmin: false, permissions: new Set(['customer:read']) }
    expect((await failure(exportCustomers({ ...admin(), actor: reader }))).kind).toBe('forbidden')
  })

  it('obeys data scopes and leaves sensitive columns out for a caller without customer:sensitive', async () => {
    const login = `exp${kind.slice(0, 2)}`
    await createUser(t.base, { login })
    const classId = await t.deps.store.read(async (tx) => {
      const tid = (await tx.tenants.byCode(tenant))!.id
      const scheme = (await tx.schemes.list(tid)).find((s) => s.code === 'class')!
      return (await tx.nodes.listByScheme(tid, scheme.id)).find((n) => n.code === '01')!.id
    })
    await setMember(admin(), login, { roles: ['业务员'], scopes: [{ kind: 'node', nodeId: classId, subtree: true }] })
    const user = await t.deps.store.read((tx) => tx.users.byLogin(login))
    const resolved = await resolveActor(t.deps, user!.id, tenant)
    // 业务员 may not export; the same member with the export permission added:
    expect((await failure(exportCustomers({ ...admin(), actor: resolved }))).kind).toBe('forbidden')
    const actor: Actor = { ...resolved, permissions: new Set([...(resolved.permissions as Set<never>), 'export']) }
    const me: RequestContext = { ...admin(), actor }
    const x = await exportCustomers(me, {})
    expect(x.leftOut).toEqual(['uscc', 'phone', 'email', 'bankAccount', 'taxNumber', 'creditLimit'])
    expect(x.headers).not.toContain('电话')
    expect(x.headers).toContain('开户银行')
    const names = records(x, await drain(x)).map((r) => r.客户名称)
    expect(names.sort()).toEqual(['北京华信科技有限公司', '北京华信集团有限公司'])
    expect((await importTemplate({ ...me, actor: { ...actor, permissions: new Set(['import']) } })).headers).toEqual(
      x.headers,
    )
  })

  it('writes one audit event per export with the filter and the rows handed out, also when stopped early', async () => {
    const before = (await exportEvents()).length
    const full = await exportCustomers(admin(), { format: 'csv', encoding: 'gb18030', region: 'HB' })
    await drain(full)
    const partial = await exportCustomers(admin(), { status: 'active' }, { pageSize: 2 })
    for await (const _ of partial.pages) break
    const events = (await exportEvents()).slice(before)
    expect(events.map((e) => e.data)).toEqual([
      { format: 'csv', encoding: 'gb18030', filter: { region: 'HB' }, rows: 1, complete: true, leftOut: [] },
      { format: 'xlsx', filter: { status: 'active' }, rows: 2, complete: false, leftOut: [] },
    ])
  })

  it('gives the import template: the export layout without rows', async () => {
    const { headers } = await importTemplate(admin())
    expect(headers).toEqual((await exportCustomers(admin(), { q: 'nothing-matches' })).headers)
    expect(headers).toContain('统一社会信用代码')
  })
})
