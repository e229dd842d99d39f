import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAttribute } from '../attributes/create-attribute.js'
import { createDimension } from '../attributes/create-dimension.js'
import { createCustomer } from '../customers/create-customer.js'
import { type AppTest, setupAppTest } from '../testing/app-test.js'
import { createCodeMap } from './create-code-map.js'
import { createCodeRule } from './create-code-rule.js'

describe.each(testKinds())('rules that print an attribute on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind)
  })
  afterAll(() => t?.dispose())

  /** A new tenant with a single-choice attribute LEVEL: A 甲级, B 乙级. */
  async function tenantWithLevel() {
    const tc = await t.newTenant()
    await createDimension(t.ctx(tc), { code: 'SALES', name: '销售' } as never)
    await createAttribute(t.ctx(tc), 'SALES', {
      code: 'LEVEL',
      name: '等级',
      type: 'single-choice',
      options: [
        { code: 'A', label: '甲级' },
        { code: 'B', label: '乙级' },
      ],
    } as never)
    return tc
  }

  it('accepts {attr:CODE} for a single-choice attribute and numbers per option', async () => {
    const tc = await tenantWithLevel()
    await createCodeRule(t.ctx(tc), { name: '按等级', pattern: 'L{attr:LEVEL}-{serial:3}', isDefault: true })
    const codes = []
    for (const level of ['A', 'B', 'A'])
      codes.push(
        (await createCustomer(t.ctx(tc), { name: `客户${codes.length}`, attributes: { LEVEL: level } })).customer.code,
      )
    expect(codes).toEqual(['LA-001', 'LB-001', 'LA-002'])
    await expect(createCustomer(t.ctx(tc), { name: '无等级' })).rejects.toMatchObject({
      code: 'CODE_FIELD_MISSING',
    })
  })

  it('maps a choice attribute by its option label as well as its code', async () => {
    const tc = await tenantWithLevel()
    // the table names the labels, as a clerk would write it
    await createCodeMap(t.ctx(tc), {
      name: '等级简称',
      entries: [
        { value: '甲级', short: 'J' },
        { value: '乙级', short: 'Y' },
      ],
    })
    await createCodeRule(t.ctx(tc), {
      name: '按等级',
      pattern: '{attr:LEVEL|map:等级简称}{serial:3}',
      isDefault: true,
    })
    const a = await createCustomer(t.ctx(tc), { name: '甲', attributes: { LEVEL: 'A' } })
    const b = await createCustomer(t.ctx(tc), { name: '乙', attributes: { LEVEL: 'B' } })
    expect([a.customer.code, b.customer.code]).toEqual(['J001', 'Y001'])
  })

  it('reads a number condition at the attribute precision when it picks the rule', async () => {
    const tc = await t.newTenant()
    await createDimension(t.ctx(tc), { code: 'SALES', name: '销售' } as never)
    await createAttribute(t.ctx(tc), 'SALES', {
      code: 'AMOUNT',
      name: '年采购额（万元）',
      type: 'number',
      precision: 2,
    } as never)
    await createCodeRule(t.ctx(tc), {
      name: '大客户',
      pattern: 'K{serial:4}',
      condition: { all: [{ field: 'attr.AMOUNT', op: 'gte', value: '100.5' }] },
    })
    const code = async (amount: string) =>
      (await createCustomer(t.ctx(tc), { name: `采购${amount}`, attributes: { AMOUNT: amount } })).customer.code
    // 50.00 is stored as 5000: compared as a bare number it would pass 100.5
    expect([await code('50'), await code('200'), await code('100.5')]).toEqual(['00001', 'K0001', 'K0002'])
  })

  it('still refuses a free-text attribute in a rule without a map', async () => {
    const tc = await t.newTenant()
    await createDimension(t.ctx(tc), { code: 'D', name: '维度' } as never)
    await createAttribute(t.ctx(tc), 'D', { code: 'NOTE', name: '备注', type: 'text' } as never)
    await expect(
      createCodeRule(t.ctx(tc), { name: '按备注', pattern: '{attr:NOTE}-{serial:3}' }),
    ).rejects.toMatchObject({ code: 'CODE_RULE_REFUSED' })
  })
})
