import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClassRule } from '../classification/class-rules.js'
import { createNode } from '../classification/create-node.js'
import { type AppTest, setupAppTest } from '../testing/app-test.js'
import { createCustomer } from './create-customer.js'
import { getCustomer } from './get-customer.js'
import { updateCustomer } from './update-customer.js'

describe.each(testKinds())('automatic classification on save on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind)
  })
  afterAll(() => t?.dispose())

  it('fills an empty scheme on create and on edit, never overriding a chosen class or a cleared one', async () => {
    const tc = await t.newTenant()
    for (const [code, name] of [
      ['01', '重点'],
      ['02', '一般'],
    ] as const)
      await createNode(t.ctx(tc), 'class', { code, name })
    await createClassRule(t.ctx(tc), 'class', {
      name: '高额度',
      condition: { all: [{ field: 'creditLimitCents', op: 'gte', value: 100_000_00 }] },
      node: '01',
    })
    const big = await createCustomer(t.ctx(tc), { name: '大额客户', creditLimit: '200000' })
    const classOf = async (id: string) => (await getCustomer(t.ctx(tc), id)).nodes.class?.code
    expect(await classOf(big.customer.id)).toBe('01')
    const chosen = await createCustomer(t.ctx(tc), { name: '手选客户', creditLimit: '200000', class: '02' })
    expect(await classOf(chosen.customer.id)).toBe('02')

    const small = await createCustomer(t.ctx(tc), { name: '小额客户', creditLimit: '100' })
    expect(await classOf(small.customer.id)).toBeUndefined()
    const raised = await updateCustomer(t.ctx(tc), small.customer.id, small.customer.version, {
      creditLimit: '150000',
    })
    expect(await classOf(small.customer.id)).toBe('01')
    // clearing the class in the same edit is the clerk's choice: it stays empty
    await updateCustomer(t.ctx(tc), small.customer.id, raised.customer.version, { class: null })
    expect(await classOf(small.customer.id)).toBeUndefined()
  })
})
