// Field permissions on both databases: without `customer:sensitive` every answer carrying a customer masks the
// sensitive fields, and an input that sets one is refused; with it (建档员, 管理员) everything shows.
import { type Actor, BUILT_IN_ROLES, type Permission } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppTest, failure, setupAppTest } from '../testing/app-test.js'
import { createCustomer } from './create-customer.js'
import { customerHistory } from './customer-history.js'
import { customerJson } from './customer-view.js'
import { findCustomers } from './find-customers.js'
import { getCustomer } from './get-customer.js'
import { getCustomerByCode } from './get-customer-by-code.js'
import { updateCustomer } from './update-customer.js'

const SENSITIVE = {
  uscc: '91350100M000100Y43',
  phone: '13812345678',
  email: 'zhang@example.com',
  bankName: '中国工商银行福州分行',
  bankAccount: '6222020000001234',
  taxNumber: '91350100M000100Y43',
  creditLimit: '500000.00',
}
const MASKED = {
  uscc: '9135****0Y43',
  phone: '138****5678',
  email: 'z***@example.com',
  bankName: '中国工商银行福州分行',
  bankAccount: '6222****1234',
  taxNumber: '9135****0Y43',
  creditLimit: null,
}
const FIELDS = ['uscc', 'phone', 'email', 'bankAccount', 'taxNumber', 'creditLimit']

const roleActor = (role: 'sales' | 'clerk'): Actor => ({
  userId: `user-${role}`,
  login: role,
  label: role,
  isAdmin: false,
  permissions: new Set<Permission>(BUILT_IN_ROLES[role].permissions),
})

describe.each(testKinds())('field permissions on %s', (kind) => {
  let t: AppTest
  let tenant: string
  const sales = () => ({ ...t.ctx(tenant), actor: roleActor('sales') })
  const clerk = () => ({ ...t.ctx(tenant), actor: roleActor('clerk') })
  beforeAll(async () => {
    t = await setupAppTest(kind)
    tenant = await t.newTenant()
  })
  afterAll(() => t?.dispose())

  const newCustomer = async (name: string) =>
    (await createCustomer(t.ctx(tenant), { name, ...SENSITIVE, uscc: null, taxNumber: null })).customer.code

  it('masks detail, list, code look-up and history for 业务员; 建档员 and 管理员 see everything', async () => {
    const created = await createCustomer(t.ctx(tenant), { name: '福州华信科技有限公司', ...SENSITIVE })
    expect(customerJson(created)).toMatchObject({ ...SENSITIVE, masked: [] })
    const code = created.customer.code

    const detail = customerJson(await getCustomer(sales(), code))
    expect(detail).toMatchObject({ ...MASKED, masked: FIELDS })
    expect(customerJson(await getCustomer(clerk(), code))).toMatchObject({ ...SENSITIVE, masked: [] })

    // The search matches phone digits and a USCC prefix only for those who may see them (else it is an oracle).
    for (const q of ['13812345', '91350100M'])
      expect([(await findCustomers(sales(), { q })).total, (await findCustomers(clerk(), { q })).total]).toEqual([0, 1])
    const list = await findCustomers(sales(), { q: '福州华信' })
    expect(list.items.map(customerJson)).toEqual([expect.objectContaining({ ...MASKED, masked: FIELDS })])
    const found = await getCustomerByCode(sales(), code)
    expect(found.customer).toMatchObject({ phone: '138****5678', creditLimitCents: null, bankAccount: '6222****1234' })
    expect(found.masked).toEqual(FIELDS)

    const [createdEntry] = await customerHistory(sales(), code)
    const phone = createdEntry!.changes.find((c) => c.field === 'phone')
    expect(phone).toEqual({ field: 'phone', before: null, after: '138****5678', masked: true })
    expect(createdEntry!.changes.find((c) => c.field === 'creditLimit')).toMatchObject({ after: null, masked: true })
    expect(createdEntry!.changes.find((c) => c.field === 'name')).not.toHaveProperty('masked')
    const json = JSON.stringify(await customerHistory(sales(), code))
    for (const v of [SENSITIVE.phone, SENSITIVE.email, SENSITIVE.bankAccount, SENSITIVE.uscc, SENSITIVE.creditLimit])
      expect(json).not.toContain(v)
    const [adminEntry] = await customerHistory(t.ctx(tenant), code)
    expect(adminEntry!.changes.find((c) => c.field === 'phone')).toMatchObject({ after: SENSITIVE.phone })
  })

  it('masks an administrator’s later change in the history: before and after', async () => {
    const code = await newCustomer('福州东方贸易有限公司')
    const v = (await getCustomer(t.ctx(tenant), code)).customer.version
    await updateCustomer(t.ctx(tenant), code, v, { phone: '13999998888' })
    const history = await customerHistory(sales(), code)
    expect(history.at(-1)!.changes).toEqual([
      { field: 'phone', before: '138****5678', after: '139****8888', masked: true },
    ])
  })

  it('refuses 业务员 setting a sensitive field, naming it, and keeps the stored value', async () => {
    const code = await newCustomer('福州南方贸易有限公司')
    const v = (await getCustomer(t.ctx(tenant), code)).customer.version
    const e = await failure(updateCustomer(sales(), code, v, { phone: '13900000000', creditLimit: '1.00' }))
    expect(e).toMatchObject({ kind: 'forbidden', code: 'CUSTOMER_SENSITIVE_FIELD' })
    expect(e.text.zh).toContain('电话')
    expect(e.text.zh).toContain('信用额度')
    expect(e.text.en).toContain('Phone')
    expect(e.issues.map((i) => i.path)).toEqual([['phone'], ['creditLimit']])
    // Clearing is setting too.
    expect((await failure(updateCustomer(sales(), code, v, { email: '' }))).code).toBe('CUSTOMER_SENSITIVE_FIELD')
    expect((await getCustomer(t.ctx(tenant), code)).customer.version).toBe(v)
  })

  it('lets 业务员 send back what it was shown: the mask changes nothing and the stored value stays', async () => {
    const code = await newCustomer('福州西方贸易有限公司')
    const shown = customerJson(await getCustomer(sales(), code))
    const r = await updateCustomer(sales(), code, shown.version, {
      name: '福州西方贸易股份有限公司',
      phone: shown.phone,
      email: shown.email,
      bankAccount: shown.bankAccount,
      creditLimit: shown.creditLimit,
      uscc: shown.uscc,
      taxNumber: '',
    })
    expect(Object.keys(r.changes)).toEqual(['name'])
    expect(customerJson(r)).toMatchObject({ phone: '138****5678', masked: FIELDS })
    expect(customerJson(await getCustomer(t.ctx(tenant), code))).toMatchObject({
      name: '福州西方贸易股份有限公司',
      phone: SENSITIVE.phone,
      email: SENSITIVE.email,
      bankAccount: SENSITIVE.bankAccount,
      creditLimit: SENSITIVE.creditLimit,
    })
  })

  it('refuses 业务员 creating with a sensitive value but lets empty ones pass; the answer is masked', async () => {
    const e = await failure(createCustomer(sales(), { name: '厦门海联有限公司', bankAccount: '6222020000009999' }))
    expect(e).toMatchObject({ kind: 'forbidden', code: 'CUSTOMER_SENSITIVE_FIELD' })
    expect(e.text.zh).toContain('银行账号')
    const r = await createCustomer(sales(), { name: '厦门海联有限公司', phone: '', email: null })
    expect(r.masked).toEqual(FIELDS)
    expect(customerJson(r).phone).toBeNull()
  })
})
