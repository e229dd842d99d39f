import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAttribute } from '../attributes/create-attribute.js'
import { createDimension } from '../attributes/create-dimension.js'
import { createNode } from '../classification/create-node.js'
import { recodeCustomer } from '../classification/recode-customer.js'
import { type AppTest, failure, fixedClock, setupAppTest } from '../testing/app-test.js'
import { createCustomer } from './create-customer.js'
import { customerHistory } from './customer-history.js'
import { deleteCustomer } from './delete-customer.js'
import { findCustomers } from './find-customers.js'
import { getCustomer } from './get-customer.js'
import { archiveCustomer, restoreCustomer, setCustomerStatus } from './set-customer-status.js'
import { updateCustomer } from './update-customer.js'

describe.each(testKinds())('customer archive on %s', (kind) => {
  let t: AppTest
  let tc: string
  const clock = fixedClock('2024-03-05T02:00:00.000Z')
  beforeAll(async () => {
    t = await setupAppTest(kind, clock)
    tc = await t.newTenant()
    for (const [scheme, code, name, parent] of [
      ['type', 'V', '重要客户', null],
      ['region', 'HB', '华北', null],
      ['region', 'HBBJ', '北京', 'HB'],
      ['region', 'HD', '华东', null],
      ['region', 'HDSH', '上海', 'HD'],
      ['class', '01', '大客户', null],
      ['class', '01001', '北京大客户', '01'],
      ['class', '01002', '上海大客户', '01'],
      ['class', '02', '小客户', null],
      ['class', '02001', '零散客户', '02'],
    ] as const)
      await createNode(t.ctx(tc), scheme, { code, name, parentCode: parent })
  })
  afterAll(() => t?.dispose())

  let seq = 0
  const make = (over: Record<string, unknown> = {}) =>
    createCustomer(t.ctx(tc), {
      name: `测试客户${++seq}有限公司`,
      class: '01001',
      region: 'HBBJ',
      ...over,
    }).then((r) => r.customer)

  it('gets a customer by id, by code in any case, and by an old code after a re-code', async () => {
    const c = await make({ shortName: '华信科技', type: 'V' })
    const byId = await getCustomer(t.ctx(tc), c.id)
    expect(byId.customer.code).toBe(c.code)
    expect(byId.nodes.class).toMatchObject({ code: '01001', name: '北京大客户' })
    expect(byId.nodes.class!.path.map((p) => p.code)).toEqual(['01', '01001'])
    expect(byId.nodes.region!.name).toBe('北京')
    expect(byId.accountManager).toBeNull()
    expect((await getCustomer(t.ctx(tc), c.code.toLowerCase())).customer.id).toBe(c.id)
    const re = await recodeCustomer(t.ctx(tc), c.code, { newCode: `OLD${c.code}X` })
    const byOld = await getCustomer(t.ctx(tc), c.code)
    expect(byOld.customer.code).toBe(re.newCode)
    expect(byOld.matchedAlias).toBe(c.code)
    expect(byOld.codes.map((x) => [x.code, x.kind]).sort()).toEqual(
      [
        [c.code, 'alias'],
        [re.newCode, 'live'],
      ].sort(),
    )
    const missing = await failure(getCustomer(t.ctx(tc), 'NOPE404'))
    expect([missing.kind, missing.code]).toEqual(['not-found', 'CUSTOMER_NOT_FOUND'])
  })

  it('finds by class and region subtrees, status, name, mnemonic and code prefix', async () => {
    const tc2 = tc
    const a = await make({ name: '上海东方贸易有限公司', shortName: '东方贸易', class: '01002', region: 'HDSH' })
    const b = await make({ name: '零散商行', class: '02001', region: 'HDSH' })
    const all01 = await findCustomers(t.ctx(tc2), { class: '01', limit: 500 })
    expect(all01.items.map((i) => i.customer.id)).toContain(a.id)
    expect(all01.items.map((i) => i.customer.id)).not.toContain(b.id)
    expect(all01.items.every((i) => i.nodes.class!.code.startsWith('01'))).toBe(true)
    const hd = await findCustomers(t.ctx(tc2), { region: 'HD' })
    expect(hd.items.map((i) => i.customer.id).sort()).toEqual([a.id, b.id].sort())
    expect(hd.total).toBe(2)
    const both = await findCustomers(t.ctx(tc2), { region: 'HD', class: '02' })
    expect(both.items.map((i) => i.customer.id)).toEqual([b.id])
    expect((await findCustomers(t.ctx(tc2), { q: '东方' })).items.map((i) => i.customer.id)).toEqual([a.id])
    expect((await findCustomers(t.ctx(tc2), { q: 'DFMY' })).items.map((i) => i.customer.id)).toEqual([a.id])
    expect((await findCustomers(t.ctx(tc2), { q: a.code.toLowerCase() })).items.map((i) => i.customer.id)).toContain(
      a.id,
    )
    const u = await make({ name: '深圳测试有限公司', uscc: '91440300MA5F3K2P1X', phone: '0755-86012345' })
    expect((await findCustomers(t.ctx(tc2), { q: '91440300ma5f' })).items.map((i) => i.customer.id)).toEqual([u.id])
    expect((await findCustomers(t.ctx(tc2), { q: '86012345' })).items.map((i) => i.customer.id)).toEqual([u.id])
    const bad = await failure(findCustomers(t.ctx(tc2), { class: '09', status: 'gone' }))
    expect(bad.code).toBe('CUSTOMER_FILTER_INVALID')
    expect(bad.issues.map((i) => i.code).sort()).toEqual(['CLASS_NOT_FOUND', 'CUSTOMER_STATUS_UNKNOWN'])
  })

  it('updates only the patched fields, reports every problem at once, and audits before → after', async () => {
    const c = await make({ shortName: '北方重工', phone: '010-62345678' })
    expect(c.mnemonic).toBe('BFZG')
    const bad = await failure(
      updateCustomer(t.ctx(tc), c.id, 1, {
        uscc: '91350100M000100Y44',
        email: 'not-an-email',
        class: '01',
        code: 'SOMETHINGELSE',
      }),
    )
    expect(bad.code).toBe('CUSTOMER_INVALID')
    expect(bad.issues.map((i) => i.path[0]).sort()).toEqual(['class', 'code', 'email', 'uscc'])
    const r = await updateCustomer(t.ctx(tc), c.code, 1, {
      shortName: '南方重工',
      class: '01002',
      creditLimit: '500000.5',
      code: c.code.toLowerCase(),
    })
    expect(r.customer.version).toBe(2)
    expect(r.customer.mnemonic).toBe('NFZG')
    expect(r.customer.phone).toBe(c.phone)
    expect(r.customer.creditLimitCents).toBe(50000050)
    expect(r.changes).toEqual({
      shortName: { before: '北方重工', after: '南方重工' },
      mnemonic: { before: 'BFZG', after: 'NFZG' },
      creditLimit: { before: null, after: '500000.50' },
      class: { before: '01001', after: '01002' },
    })
    const history = await customerHistory(t.ctx(tc), c.id)
    expect(history.map((h) => h.action)).toEqual(['customer.created', 'customer.updated'])
    expect(history[1]!.changes).toContainEqual({ field: 'class', before: '01001', after: '01002' })
    expect(history[1]!.actor).toBe(t.actor.label)
    expect(history[0]!.changes).toContainEqual({ field: 'code', before: null, after: c.code })
    // nothing changed: no new version, no audit
    const same = await updateCustomer(t.ctx(tc), c.id, 2, { shortName: '南方重工' })
    expect(same.customer.version).toBe(2)
    expect(same.changes).toEqual({})
    // a typed mnemonic stays when the short name changes
    await updateCustomer(t.ctx(tc), c.id, 2, { mnemonic: 'ABC' })
    const kept = await updateCustomer(t.ctx(tc), c.id, 3, { shortName: '西方重工' })
    expect(kept.customer.mnemonic).toBe('ABC')
  })

  it('refuses a stale version with both versions and the current ETag', async () => {
    const c = await make()
    await updateCustomer(t.ctx(tc), c.id, 1, { remarks: '第一次' })
    const stale = await failure(updateCustomer(t.ctx(tc), c.id, 1, { remarks: '第二次' }))
    expect([stale.kind, stale.code]).toEqual(['precondition-failed', 'CUSTOMER_VERSION_STALE'])
    expect([stale.details, stale.version]).toEqual([{ currentVersion: 2, expectedVersion: 1 }, 2])
    expect((await getCustomer(t.ctx(tc), c.id)).customer.remarks).toBe('第一次')
  })

  it('refuses a USCC another customer holds, and a head office that is a branch of the customer', async () => {
    const a = await make({ uscc: '91110000600037341L' })
    const b = await make({ headOffice: a.code })
    const taken = await failure(updateCustomer(t.ctx(tc), b.id, 1, { uscc: '91110000600037341L' }))
    expect(taken.code).toBe('CUSTOMER_USCC_TAKEN')
    const cycle = await failure(updateCustomer(t.ctx(tc), a.id, 1, { headOffice: b.code }))
    expect(cycle.issues.map((i) => i.code)).toEqual(['CUSTOMER_HEAD_OFFICE_CYCLE'])
    const got = await getCustomer(t.ctx(tc), b.code)
    expect(got.headOffice).toEqual({ code: a.code, name: a.name })
  })

  it('checks attributes on edit: type mismatch and a required one that applies after a class change', async () => {
    const t3 = await t.newTenant()
    for (const [code, name, parent] of [
      ['01', '大客户', null],
      ['01001', '北京大客户', '01'],
      ['03', '重点客户', null],
      ['03001', '重点一', '03'],
    ] as const)
      await createNode(t.ctx(t3), 'class', { code, name, parentCode: parent })
    await createDimension(t.ctx(t3), {
      code: 'KA',
      name: '大客户管理',
      appliesTo: { all: [{ field: 'class', op: 'under', value: '03' }] },
    } as never)
    await createAttribute(t.ctx(t3), 'KA', {
      code: 'LEVEL',
      name: '等级',
      type: 'number',
      required: true,
      defaultValue: 1,
    } as never)
    const { customer: c } = await createCustomer(t.ctx(t3), { name: '属性测试有限公司', class: '01001' })
    expect(c.attributes).toEqual({})
    const bad = await failure(
      updateCustomer(t.ctx(t3), c.id, 1, { class: '03001', attributes: { LEVEL: 'abc' }, email: 'x@' }),
    )
    expect(bad.issues.map((i) => i.path.join('.')).sort()).toEqual(['attributes.LEVEL', 'email'])
    const cleared = await failure(updateCustomer(t.ctx(t3), c.id, 1, { class: '03001', attributes: { LEVEL: null } }))
    expect(cleared.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['attributes.LEVEL', 'ATTR_REQUIRED']])
    const moved = await updateCustomer(t.ctx(t3), c.id, 1, { class: '03001' })
    expect(moved.customer.attributes).toEqual({ LEVEL: 1 })
    const ok = await updateCustomer(t.ctx(t3), c.id, 2, { attributes: { LEVEL: '3' } })
    expect(ok.customer.attributes).toEqual({ LEVEL: 3 })
    expect(ok.changes).toEqual({ 'attributes.LEVEL': { before: 1, after: 3 } })
    // back to a class the dimension does not apply to: the value goes
    const back = await updateCustomer(t.ctx(t3), c.id, 3, { class: '01001' })
    expect(back.customer.attributes).toEqual({})
  })

  it('disables, enables, archives and restores, hiding archived customers from default lists', async () => {
    const c = await make({ name: '归档测试有限公司' })
    const d = await setCustomerStatus(t.ctx(tc), c.code, 'disabled')
    expect([d.changed, d.customer.status, d.customer.version]).toEqual([true, 'disabled', 2])
    expect((await setCustomerStatus(t.ctx(tc), c.code, 'disabled')).changed).toBe(false)
    await setCustomerStatus(t.ctx(tc), c.code, 'active')
    const a = await archiveCustomer(t.ctx(tc), c.code)
    expect(a.customer.status).toBe('archived')
    expect((await findCustomers(t.ctx(tc), { q: '归档测试' })).total).toBe(0)
    expect((await findCustomers(t.ctx(tc), { q: '归档测试', status: 'archived' })).total).toBe(1)
    expect((await getCustomer(t.ctx(tc), c.code)).customer.status).toBe('archived')
    const edit = await failure(updateCustomer(t.ctx(tc), c.id, a.customer.version, { remarks: 'x' }))
    expect(edit.code).toBe('CUSTOMER_ARCHIVED')
    expect((await failure(setCustomerStatus(t.ctx(tc), c.code, 'disabled'))).code).toBe('CUSTOMER_ARCHIVED')
    const stale = await failure(restoreCustomer(t.ctx(tc), c.code, 1))
    expect(stale.code).toBe('CUSTOMER_VERSION_STALE')
    const r = await restoreCustomer(t.ctx(tc), c.code, a.customer.version)
    expect(r.customer.status).toBe('active')
    const history = await customerHistory(t.ctx(tc), c.id)
    expect(history.map((h) => h.action)).toEqual([
      'customer.created',
      'customer.disabled',
      'customer.enabled',
      'customer.archived',
      'customer.restored',
    ])
    expect(history[3]!.changes).toEqual([{ field: 'status', before: 'active', after: 'archived' }])
  })

  it('hard-deletes only an unreferenced customer, as an administrator, freeing nothing but its own rows', async () => {
    const head = await make({ uscc: '91310000MA1FL4B24G' })
    const branch = await make({ headOffice: head.code })
    const refused = await failure(deleteCustomer(t.ctx(tc), head.code))
    expect([refused.kind, refused.code]).toEqual(['conflict', 'CUSTOMER_REFERENCED'])
    expect(refused.details).toEqual({ references: { branches: 1 } })
    const clerk = { ...t.actor, isAdmin: false, permissions: new Set(['customer:delete'] as const) }
    expect((await failure(deleteCustomer({ ...t.ctx(tc), actor: clerk }, branch.code))).code).toBe(
      'CUSTOMER_DELETE_ADMIN_ONLY',
    )
    await deleteCustomer(t.ctx(tc), branch.code)
    expect((await failure(getCustomer(t.ctx(tc), branch.code))).code).toBe('CUSTOMER_NOT_FOUND')
    await deleteCustomer(t.ctx(tc), head.code)
    const events = await t.deps.store.read((tx) => tx.audit.listFor(head.tenantId, 'customer', head.id))
    expect(events.map((e) => e.action)).toEqual(['customer.created', 'customer.deleted'])
    // its USCC is free again
    const again = await make({ uscc: '91310000MA1FL4B24G' })
    expect(again.uscc).toBe('91310000MA1FL4B24G')
  })
})
