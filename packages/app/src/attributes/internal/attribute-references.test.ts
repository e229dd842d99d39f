import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClassRule } from '../../classification/class-rules.js'
import { createNode } from '../../classification/create-node.js'
import { moveNode } from '../../classification/move-node.js'
import { createCodeRule } from '../../codes/create-code-rule.js'
import { getCodeRule } from '../../codes/get-code-rule.js'
import { createCustomer } from '../../customers/create-customer.js'
import { type AppTest, failure, setupAppTest } from '../../testing/app-test.js'
import { createAttribute } from '../create-attribute.js'
import { createDimension } from '../create-dimension.js'
import { deleteAttribute } from '../delete-attribute.js'
import { deleteDimension } from '../delete-dimension.js'
import { listDimensions } from '../list-dimensions.js'
import { updateAttribute } from '../update-attribute.js'

describe.each(testKinds())('what names attributes and classes stays consistent on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind)
  })
  afterAll(() => t?.dispose())

  async function tenant() {
    const tc = await t.newTenant()
    for (const [code, name, parentCode] of [
      ['01', '批发', null],
      ['01001', '华北批发', '01'],
      ['02', '零售', null],
    ] as const)
      await createNode(t.ctx(tc), 'class', { code, name, parentCode })
    await createDimension(t.ctx(tc), { code: 'SALES', name: '销售' } as never)
    await createAttribute(t.ctx(tc), 'SALES', { code: 'ERP', name: 'ERP 编号', type: 'text' } as never)
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

  it('refuses to delete an attribute a code rule prints or a filter names, listing each, even with force', async () => {
    const tc = await tenant()
    await createCodeRule(t.ctx(tc), { name: '按等级', pattern: '{attr:LEVEL}{serial:4}' })
    await createClassRule(t.ctx(tc), 'class', {
      name: '甲级批发',
      condition: { all: [{ field: 'attr.ERP', op: 'contains', value: 'W' }] },
      node: '01001',
    })
    const printed = await failure(deleteAttribute(t.ctx(tc), 'LEVEL', { force: true }))
    expect([printed.kind, printed.code]).toEqual(['conflict', 'ATTR_REFERENCED'])
    expect(printed.text.zh).toContain('编码规则“按等级”的格式')
    const filtered = await failure(deleteAttribute(t.ctx(tc), 'ERP'))
    expect(filtered.code).toBe('ATTR_REFERENCED')
    expect(filtered.text.en).toContain('automatic class rule "甲级批发"')
    const dim = await failure(deleteDimension(t.ctx(tc), 'SALES'))
    expect(dim.code).toBe('ATTR_REFERENCED')
    expect(dim.text.zh).toContain('「等级」(LEVEL)')
    expect(dim.text.zh).toContain('「ERP 编号」(ERP)')
    const [d] = await listDimensions(t.ctx(tc))
    expect(d?.attributes.map((a) => a.code).sort()).toEqual(['ERP', 'LEVEL'])
  })

  it('renames an attribute in every filter naming it, and refuses to rename one a code rule prints', async () => {
    const tc = await tenant()
    await createCodeRule(t.ctx(tc), {
      name: '有ERP',
      pattern: 'E{serial:5}',
      condition: { all: [{ field: 'attr.ERP', op: 'notEmpty' }] },
    })
    await updateAttribute(t.ctx(tc), 'ERP', { code: 'ERPNO' } as never)
    expect((await getCodeRule(t.ctx(tc), '有ERP')).condition).toEqual({
      all: [{ field: 'attr.ERPNO', op: 'notEmpty' }],
    })
    // the renamed condition still picks the rule
    const c = await createCustomer(t.ctx(tc), { name: '甲', class: '02', attributes: { ERPNO: 'X1' } })
    expect(c.customer.code).toBe('E00001')

    await createCodeRule(t.ctx(tc), { name: '按等级', pattern: '{attr:LEVEL}-{serial:4}' })
    const e = await failure(updateAttribute(t.ctx(tc), 'LEVEL', { code: 'GRADE' } as never))
    expect([e.code, e.text.zh]).toEqual(['ATTR_PRINTED_BY_RULE', expect.stringContaining('编码规则“按等级”的格式')])
  })

  it('moving a class rewrites the class codes in code-rule conditions and dimension scopes', async () => {
    const tc = await tenant()
    await createCodeRule(t.ctx(tc), {
      name: '华北批发',
      pattern: 'HB{serial:4}',
      condition: { all: [{ field: 'class', op: 'under', value: '01001' }] },
    })
    await createDimension(t.ctx(tc), {
      code: 'WHOLESALE',
      name: '批发维度',
      appliesTo: { all: [{ field: 'class', op: 'under', value: ['01001'] }] },
    } as never)
    const moved = await moveNode(t.ctx(tc), 'class', '01001', { newParentCode: '02' })
    const newCode = moved.moves[0]?.newCode
    expect(newCode).toMatch(/^02\d{3}$/)
    expect((await getCodeRule(t.ctx(tc), '华北批发')).condition).toEqual({
      all: [{ field: 'class', op: 'under', value: newCode }],
    })
    const dims = await listDimensions(t.ctx(tc))
    expect(dims.find((d) => d.code === 'WHOLESALE')?.appliesTo).toEqual({
      all: [{ field: 'class', op: 'under', value: [newCode] }],
    })
    // a customer in the moved class still gets the rule meant for it
    const c = await createCustomer(t.ctx(tc), { name: '乙', class: newCode as string })
    expect(c.customer.code).toBe('HB0001')
  })
})
