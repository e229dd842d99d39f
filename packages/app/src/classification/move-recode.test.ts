import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCodeRule } from '../codes/create-code-rule.js'
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
      await createNode(t.ctx(tc), 'class', { code, name })
    await updateCodeRule(t.ctx(tc), '默认规则', { pattern: '{class}-{serial:3}' })
    const a = await createCustomer(t.ctx(tc), { name: '甲公司', class: '010010001' })
    const b = await createCustomer(t.ctx(tc), { name: '乙公司', class: '010010001' })
    expect([a.customer.code, b.customer.code]).toEqual(['010010001-001', '010010001-002'])

    const preview = await previewMoveNode(t.ctx(tc), 'class', '01001', { newParentCode: '02' })
    expect(preview.customersAffected).toBe(2)
    expect(preview.customersRecoded).toBeUndefined()
    // With re-coding, the preview lists the customer codes that will change, and changes nothing.
    const listed = await previewMoveNode(t.ctx(tc), 'class', '01001', {
      newParentCode: '02',
      recodeCustomers: true,
    })
    expect(listed.customersRecoded).toEqual(
      expect.arrayContaining([
        { from: '010010001-001', to: '020010001-001' },
        { from: '010010001-002', to: '020010001-002' },
      ]),
    )
    expect(listed.moves.map((m) => m.newCode)).toEqual(preview.moves.map((m) => m.newCode))
    expect((await getCustomerByCode(t.ctx(tc), '010010001-001')).alias).toBe(false)
    const moved = await moveNode(t.ctx(tc), 'class', '01001', { newParentCode: '02', recodeCustomers: true })
    expect(moved.customersRecoded).toEqual(
      expect.arrayContaining([
        { from: '010010001-001', to: '020010001-001' },
        { from: '010010001-002', to: '020010001-002' },
      ]),
    )
    const byOld = await getCustomerByCode(t.ctx(tc), '010010001-001')
    expect(byOld.alias).toBe(true)
    expect(byOld.customer.code).toBe('020010001-001')
    // the next customer in the moved class continues the new scope's counter
    expect((await createCustomer(t.ctx(tc), { name: '丙公司', class: '020010001' })).customer.code).toBe(
      '020010001-003',
    )
  })

  it('re-codes only customers whose code the move changes', async () => {
    const tc = await t.newTenant()
    for (const [code, name] of [
      ['01', '华北'],
      ['01001', '北京'],
      ['01002', '天津'],
      ['02', '华东'],
      ['02001', '上海'],
    ] as const)
      await createNode(t.ctx(tc), 'class', { code, name })
    await createNode(t.ctx(tc), 'type', { code: 'VIP', name: '贵宾' })
    await updateCodeRule(t.ctx(tc), '默认规则', { pattern: '{class:1}-{serial:3}' })
    await createCodeRule(t.ctx(tc), {
      name: '贵宾',
      pattern: 'V{serial:4}',
      condition: { all: [{ field: 'type', op: 'eq', value: 'VIP' }] },
    })
    const plain = await createCustomer(t.ctx(tc), { name: '甲公司', class: '01001' })
    const vip = await createCustomer(t.ctx(tc), { name: '乙公司', class: '01001', type: 'VIP' })
    expect([plain.customer.code, vip.customer.code]).toEqual(['01-001', 'V0001'])

    // within 华北 the level-1 class stays 01: nothing to re-code, no serial spent
    const within = await moveNode(t.ctx(tc), 'class', '01001', {
      newParentCode: '01002',
      recodeCustomers: true,
    })
    expect(within.customersRecoded).toEqual([])
    // to 华东: the default rule's customer gets 02-…; the VIP rule does not print the class
    const across = await moveNode(t.ctx(tc), 'class', '01002', {
      newParentCode: '02',
      recodeCustomers: true,
    })
    expect(across.customersRecoded).toEqual([{ from: '01-001', to: '02-001' }])
    expect((await getCustomerByCode(t.ctx(tc), 'V0001')).customer.id).toBe(vip.customer.id)
    // the old class code names the moved class, now under 华东; its scope's counter goes on
    expect((await createCustomer(t.ctx(tc), { name: '丙公司', class: '01001' })).customer.code).toBe('02-002')
  })

  it('leaves codes alone when the move is made without re-coding', async () => {
    const tc = await t.newTenant()
    for (const [code, name] of [
      ['01', '华北'],
      ['01001', '北京'],
      ['02', '华东'],
    ] as const)
      await createNode(t.ctx(tc), 'class', { code, name })
    await updateCodeRule(t.ctx(tc), '默认规则', { pattern: '{class}-{serial:3}' })
    const a = await createCustomer(t.ctx(tc), { name: '甲公司', class: '01001' })
    const moved = await moveNode(t.ctx(tc), 'class', '01001', { newParentCode: '02' })
    expect(moved.customersRecoded).toBeUndefined()
    expect((await getCustomerByCode(t.ctx(tc), a.customer.code)).customer.code).toBe('01001-001')
  })
})
