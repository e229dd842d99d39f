// An import batch, a merge or a re-classification calls the …InTx use cases for many customers in one
// transaction: everything commits together, or nothing does.
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recodeCustomerInTx } from '../classification/recode-customer.js'
import { type AppTest, setupAppTest } from '../testing/app-test.js'
import { createCustomer, createCustomerInTx } from './create-customer.js'
import { findCustomers } from './find-customers.js'
import { getCustomer } from './get-customer.js'
import { updateCustomerInTx } from './update-customer.js'

describe.each(testKinds())('use cases in one transaction on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind)
  })
  afterAll(() => t?.dispose())

  it('creates, edits and re-codes several customers in one transaction, each returning what it wrote', async () => {
    const ctx = t.ctx(await t.newTenant())
    const { created, recoded } = await t.deps.store.transaction(async (tx) => {
      const created = []
      for (const name of ['甲公司', '乙公司', '丙公司']) created.push(await createCustomerInTx(ctx, tx, { name }))
      // the second one sees the first inside the same transaction
      const edited = await updateCustomerInTx(ctx, tx, created[0]!.customer.code, 1, { remarks: '批量' })
      expect([edited.customer.version, edited.changes]).toEqual([2, { remarks: { before: null, after: '批量' } }])
      const recoded = []
      for (const c of created) recoded.push(await recodeCustomerInTx(ctx, tx, c.customer.id, { reallocate: true }))
      return { created, recoded }
    })
    expect(created.map((c) => [c.customer.code, c.codes])).toEqual(
      ['00001', '00002', '00003'].map((code, i) => [
        code,
        [{ code, kind: 'live', createdAt: created[i]!.customer.createdAt }],
      ]),
    )
    expect(recoded.map((r) => [r.oldCode, r.newCode])).toEqual([
      ['00001', '00004'],
      ['00002', '00005'],
      ['00003', '00006'],
    ])
    const first = await getCustomer(ctx, '00001')
    expect([first.customer.code, first.customer.remarks, first.matchedAlias]).toEqual(['00004', '批量', '00001'])
  })

  it('rolls every customer of the batch back when one of them fails, and returns their numbers', async () => {
    const ctx = t.ctx(await t.newTenant())
    const batch = t.deps.store.transaction(async (tx) => {
      await createCustomerInTx(ctx, tx, { name: '甲公司' })
      await createCustomerInTx(ctx, tx, { name: '乙公司' })
      await createCustomerInTx(ctx, tx, { name: '' })
    })
    await expect(batch).rejects.toMatchObject({ kind: 'invalid', code: 'CUSTOMER_INVALID' })
    expect((await findCustomers(ctx, {})).total).toBe(0)
    expect((await createCustomer(ctx, { name: '丁公司' })).customer.code).toBe('00001')
  })
})
