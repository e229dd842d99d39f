import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateCodeRule } from '../codes/update-code-rule.js'
import { createCustomer } from '../customers/create-customer.js'
import { getCustomerByCode } from '../customers/get-customer-by-code.js'
import { type AppTest, fixedClock, setupAppTest } from '../testing/app-test.js'
import { createNode } from './create-node.js'
import { moveNode, previewMoveNode } from './move-node.js'

describe.each(testKinds())('moving a class with re-coded customers on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind, fixedClock('2024-05-01T00:00:00.000Z'))
  })
  afterAll(() => t?.dispose())

  it('re-codes customers whose rule prints the class; the old codes still find them', async () => {
    const tc = await t.newTenant()
    for (const [code, name] of [
      ['01', '华北'],
      ['01001', '北京大客户'],
      ['010010001', '北京央企'],
      ['02', '华东'],
    ] as const)
      await createNode(t.deps, t.actor, tc, 'class', { code, name })
    await updateCodeRule(t.deps, t.actor, tc, '默认规则', { pattern: '{class}-{serial:3}' })
    const a = await createCustomer(t.deps, t.actor, tc, { name: '甲公司', class: '010010001' })
    const b = await createCustomer(t.deps, t.actor, tc, { name: '乙公司', class: '010010001' })
    expect([a.customer.code, b.customer.code]).toEqual(['010010001-001', '010010001-002'])

    const preview = await previewMoveNode(t.deps, t.actor, tc, 'class', '01001', { newParentCode: '02' })
    expect(preview.recodeAvailable).toBe(true)
    const moved = await moveNode(t.deps, t.actor, tc, 'class', '01001', { newParentCode: '02', recodeCustomers: true })
    expect(moved.customersRecoded).toEqual(
      expect.arrayContaining([
        { from: '010010001-001', to: '020010001-001' },
        { from: '010010001-002', to: '020010001-002' },
      ]),
    )
    const byOld = await getCustomerByCode(t.deps, tc, '010010001-001')
    expect(byOld.alias).toBe(true)
    expect(byOld.customer.code).toBe('020010001-001')
    // the next customer in the moved class continues the new scope's counter
    expect((await createCustomer(t.deps, t.actor, tc, { name: '丙公司', class: '020010001' })).customer.code).toBe(
      '020010001-003',
    )
  })

  it('leaves codes alone when the move is made without re-coding', async () => {
    const tc = await t.newTenant()
    for (const [code, name] of [
      ['01', '华北'],
      ['01001', '北京'],
      ['02', '华东'],
    ] as const)
      await createNode(t.deps, t.actor, tc, 'class', { code, name })
    await updateCodeRule(t.deps, t.actor, tc, '默认规则', { pattern: '{class}-{serial:3}' })
    const a = await createCustomer(t.deps, t.actor, tc, { name: '甲公司', class: '01001' })
    const moved = await moveNode(t.deps, t.actor, tc, 'class', '01001', { newParentCode: '02' })
    expect(moved.customersRecoded).toBeUndefined()
    expect((await getCustomerByCode(t.deps, tc, a.customer.code)).customer.code).toBe('01001-001')
  })
})
