import { EVERY_CUSTOMER } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../classification/create-node.js'
import { createCustomer } from '../customers/create-customer.js'
import { type AppTest, failure, setupAppTest } from '../testing/app-test.js'
import { createAttribute } from './create-attribute.js'
import { createDimension } from './create-dimension.js'
import { deleteAttribute } from './delete-attribute.js'
import { deleteDimension } from './delete-dimension.js'
import { fillAttribute } from './fill-attribute.js'
import { findIncompleteCustomers } from './find-incomplete-customers.js'
import { getCustomerForm } from './get-customer-form.js'
import { listDimensions } from './list-dimensions.js'
import { previewAttributeChange, updateAttribute } from './update-attribute.js'
import { updateDimension } from './update-dimension.js'

describe.each(testKinds())('management dimensions on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind)
  })
  afterAll(() => t?.dispose())

  /** A tenant with classes 01 > 01001 and 02, regions HB > HBBJ. */
  async function tenant() {
    const code = await t.newTenant()
    for (const [scheme, nodeCode, name, parent] of [
      ['class', '01', '批发', null],
      ['class', '01001', '华北批发', '01'],
      ['class', '02', '零售', null],
      ['region', 'HB', '华北', null],
      ['region', 'HBBJ', '北京', 'HB'],
    ] as const)
      await createNode(t.ctx(code), scheme, { code: nodeCode, name, parentCode: parent })
    return code
  }
  const customer = (tc: string, name: string, cls: string, attributes?: Record<string, unknown>) =>
    createCustomer(t.ctx(tc), { name, class: cls, ...(attributes ? { attributes } : {}) }).then((r) => r.customer)
  const wholesale = { all: [{ field: 'class', op: 'under' as const, value: '01' }] }

  it('defines dimensions and attributes of every type and lists them back', async () => {
    const tc = await tenant()
    await createDimension(t.ctx(tc), { code: 'SALES', name: '销售维度', appliesTo: wholesale } as never)
    const inputs = [
      { code: 'NOTE', name: '备注', type: 'text', constraints: { maxLength: 20, pattern: '[A-Z].*' } },
      { code: 'AMOUNT', name: '年采购额', type: 'number', precision: 2, constraints: { min: '0' } },
      { code: 'SINCE', name: '合作日期', type: 'date', required: true, defaultValue: '2020-01-01' },
      { code: 'VAT', name: '一般纳税人', type: 'boolean' },
      {
        code: 'LEVEL',
        name: '等级',
        type: 'single-choice',
        options: [
          { code: 'A', label: '甲级' },
          { code: 'B', label: '乙级' },
        ],
      },
      { code: 'TAGS', name: '标签', type: 'multi-choice', options: [{ code: 'vip', label: '贵宾' }] },
      { code: 'HOME', name: '归属地区', type: 'reference', referenceScheme: 'region', indexed: true },
    ]
    for (const i of inputs) await createAttribute(t.ctx(tc), 'SALES', i as never)
    const [dim] = await listDimensions(t.ctx(tc))
    expect(dim?.code).toBe('SALES')
    expect(dim?.appliesTo).toEqual(wholesale)
    expect(dim?.attributes.map((a) => [a.code, a.type, a.position])).toEqual([
      ['NOTE', 'text', 1],
      ['AMOUNT', 'number', 2],
      ['SINCE', 'date', 3],
      ['VAT', 'boolean', 4],
      ['LEVEL', 'single-choice', 5],
      ['TAGS', 'multi-choice', 6],
      ['HOME', 'reference', 7],
    ])
    expect(dim?.attributes.find((a) => a.code === 'HOME')?.referenceScheme).toBe('region')

    // The customer form: only wholesale classes (subtree included) get the dimension.
    expect((await getCustomerForm(t.ctx(tc), { class: '01001' })).map((s) => s.code)).toEqual(['SALES'])
    expect(await getCustomerForm(t.ctx(tc), { class: '02' })).toEqual([])
    const bad = await failure(getCustomerForm(t.ctx(tc), { class: '99', nosuch: 'X' }))
    expect(bad.issues.map((i) => i.code).sort()).toEqual(['CLASS_NOT_FOUND', 'SCHEME_NOT_FOUND'])

    // Customers: values are coerced, defaults applied, references resolved, all issues at once.
    const c = await customer(tc, '北京华信科技有限公司', '01001', {
      AMOUNT: '12.5',
      VAT: '是',
      LEVEL: '乙级',
      TAGS: 'vip',
      HOME: 'hbbj',
    })
    expect(c.attributes).toMatchObject({ AMOUNT: 1250, VAT: true, LEVEL: 'B', TAGS: ['vip'], SINCE: '2020-01-01' })
    expect(typeof c.attributes.HOME).toBe('string')
    const e = await failure(
      customer(tc, '坏客户', '01001', { NOTE: 'lower', AMOUNT: '-1', LEVEL: 'Z', SINCE: 'someday', HOME: 'XX' }),
    )
    expect(e.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['attributes.NOTE', 'ATTR_PATTERN'],
      ['attributes.AMOUNT', 'ATTR_TOO_SMALL'],
      ['attributes.LEVEL', 'ATTR_OPTION_UNKNOWN'],
      ['attributes.SINCE', 'ATTR_TYPE'],
      ['attributes.HOME', 'ATTR_REFERENCE_UNKNOWN'],
    ])
    const retail = await failure(customer(tc, '零售客户', '02', { LEVEL: 'A' }))
    expect(retail.issues.map((i) => i.code)).toEqual(['ATTR_NOT_APPLICABLE'])
  })

  it('refuses unsound definitions with every issue, and taken codes', async () => {
    const tc = await tenant()
    await createDimension(t.ctx(tc), { code: 'D', name: '维度' } as never)
    const e = await failure(
      createAttribute(t.ctx(tc), 'D', {
        code: 'X',
        name: '数',
        type: 'number',
        options: [{ code: 'a', label: 'a' }],
        constraints: { min: '5', max: '1', pattern: '(' },
      } as never),
    )
    expect(e.code).toBe('ATTR_DEF_INVALID')
    expect(e.issues.map((i) => i.code).sort()).toEqual([
      'ATTR_CONSTRAINT_NOT_APPLICABLE',
      'ATTR_MIN_GREATER_THAN_MAX',
      'ATTR_OPTIONS_NOT_CHOICE',
    ])
    const badCode = await failure(createAttribute(t.ctx(tc), 'D', { code: '1x', name: 'x', type: 'text' } as never))
    expect([badCode.kind, badCode.issues[0]?.path]).toEqual(['invalid', ['code']])
    const unknownScheme = await failure(
      createAttribute(t.ctx(tc), 'D', {
        code: 'REF',
        name: '引用',
        type: 'reference',
        referenceScheme: 'nope',
      } as never),
    )
    expect(unknownScheme.issues.map((i) => i.code)).toEqual(['ATTR_REFERENCE_SCHEME_UNKNOWN'])
    await createAttribute(t.ctx(tc), 'D', { code: 'T', name: '文本', type: 'text' } as never)
    expect((await failure(createAttribute(t.ctx(tc), 'D', { code: 't', name: 'x', type: 'text' } as never))).code).toBe(
      'ATTR_CODE_TAKEN',
    )
    expect((await failure(createDimension(t.ctx(tc), { code: 'D', name: 'again' } as never))).code).toBe(
      'DIMENSION_CODE_TAKEN',
    )
    const filter = await failure(
      updateDimension(t.ctx(tc), 'D', { appliesTo: { all: [{ field: 'nosuch', op: 'eq', value: 1 }] } }),
    )
    expect([filter.code, filter.issues[0]?.path[0]]).toEqual(['DIMENSION_INVALID', 'appliesTo'])
    expect(
      (await failure(createAttribute(t.ctx(tc), 'NOPE', { code: 'Q', name: 'q', type: 'text' } as never))).kind,
    ).toBe('not-found')
  })

  it('a new required attribute invents nothing: the customers it applies to are listed as incomplete until an explicit fill', async () => {
    const tc = await tenant()
    const a = await customer(tc, '批发甲', '01001')
    const b = await customer(tc, '零售乙', '02')
    await createDimension(t.ctx(tc), { code: 'W', name: '批发', appliesTo: wholesale } as never)
    const r = await createAttribute(t.ctx(tc), 'W', {
      code: 'GRADE',
      name: '信用等级',
      type: 'single-choice',
      required: true,
      defaultValue: '乙级',
      options: [
        { code: 'A', label: '甲级' },
        { code: 'B', label: '乙级' },
      ],
    } as never)
    expect(r.incomplete).toBe(1)
    const stored = () =>
      t.deps.store.read(async (tx) => {
        const tenant = await tx.tenants.byCode(tc)
        return Promise.all([
          tx.customers.byId(tenant!.id, EVERY_CUSTOMER, a.id),
          tx.customers.byId(tenant!.id, EVERY_CUSTOMER, b.id),
        ])
      })
    const [ra] = await stored()
    expect([ra?.attributes.GRADE, ra?.version]).toEqual([undefined, a.version])
    const incomplete = await findIncompleteCustomers(t.ctx(tc), 'GRADE')
    expect(incomplete).toEqual({ count: 1, customers: [{ id: a.id, code: a.code, name: '批发甲' }] })
    // Making an optional attribute required writes nothing either; the preview counts the incomplete.
    await updateAttribute(t.ctx(tc), 'GRADE', { required: false })
    expect((await previewAttributeChange(t.ctx(tc), 'GRADE', { required: true })).incomplete).toBe(1)
    expect((await updateAttribute(t.ctx(tc), 'GRADE', { required: true })).incomplete).toBe(1)
    expect((await stored())[0]?.attributes.GRADE).toBeUndefined()

    // The explicit fill: a bad value is refused on its field, a dry run counts, the fill writes and is audited.
    const bad = await failure(fillAttribute(t.ctx(tc), 'GRADE', { value: '丙级' }))
    expect([bad.code, bad.issues[0]?.path]).toEqual(['ATTR_FILL_INVALID', ['value']])
    expect(await fillAttribute(t.ctx(tc), 'GRADE', { value: '甲级', dryRun: true })).toEqual({
      filled: 1,
      dryRun: true,
    })
    expect((await stored())[0]?.attributes.GRADE).toBeUndefined()
    expect(await fillAttribute(t.ctx(tc), 'GRADE', { value: '甲级' })).toEqual({ filled: 1, dryRun: false })
    const [fa, fb] = await stored()
    expect([fa?.attributes.GRADE, fa?.version, fb?.attributes.GRADE]).toEqual(['A', a.version + 1, undefined])
    expect((await findIncompleteCustomers(t.ctx(tc), 'GRADE')).count).toBe(0)
    const audit = await t.deps.store.read(async (tx) =>
      tx.audit.listFor((await tx.tenants.byCode(tc))!.id, 'attribute', r.attribute.id),
    )
    expect(audit.map((e) => e.action)).toEqual([
      'attribute.created',
      'attribute.updated',
      'attribute.updated',
      'attribute.filled',
    ])
    expect(audit.at(-1)?.data).toEqual({ value: 'A', filled: 1 })
    // Used now: the code is immutable, deletion needs force, the dimension stays.
    expect((await failure(updateAttribute(t.ctx(tc), 'GRADE', { code: 'GRADE2' }))).code).toBe('ATTR_CODE_IMMUTABLE')
    expect((await failure(deleteDimension(t.ctx(tc), 'W'))).code).toBe('DIMENSION_IN_USE')
    expect((await failure(deleteAttribute(t.ctx(tc), 'GRADE'))).code).toBe('ATTR_IN_USE')
    expect(await deleteAttribute(t.ctx(tc), 'GRADE', { force: true })).toEqual({ removedValues: 1 })
    const after = await t.deps.store.read(async (tx) =>
      tx.customers.byId((await tx.tenants.byCode(tc))!.id, EVERY_CUSTOMER, a.id),
    )
    expect(after?.attributes.GRADE).toBeUndefined()
    await deleteDimension(t.ctx(tc), 'W')
    expect(await listDimensions(t.ctx(tc))).toEqual([])
  })

  it('lists every conflict of a type change before changing anything, then rewrites in batches', async () => {
    const tc = await tenant()
    await createDimension(t.ctx(tc), { code: 'D', name: '维度' } as never)
    await createAttribute(t.ctx(tc), 'D', { code: 'SIZE', name: '规模', type: 'text' } as never)
    await customer(tc, '甲', '02', { SIZE: '12' })
    await customer(tc, '乙', '02', { SIZE: 'big' })
    await customer(tc, '丙', '02', { SIZE: 'huge' })
    const preview = await previewAttributeChange(t.ctx(tc), 'SIZE', { type: 'number', precision: 1 })
    expect(preview.conflicts.map((c) => c.value).sort()).toEqual(['big', 'huge'])
    expect([preview.held, preview.rewrites]).toEqual([3, 1])
    const e = await failure(updateAttribute(t.ctx(tc), 'SIZE', { type: 'number', precision: 1 }))
    expect([e.kind, e.code, e.details?.count]).toEqual(['conflict', 'ATTR_CHANGE_CONFLICTS', 2])
    const [dim] = await listDimensions(t.ctx(tc))
    expect(dim?.attributes[0]?.type).toBe('text')
    // Clear the conflicts, then the change runs and converts '12' to 120 (one decimal).
    await deleteAttribute(t.ctx(tc), 'SIZE', { force: true })
    await createAttribute(t.ctx(tc), 'D', { code: 'SIZE', name: '规模', type: 'text' } as never)
    const c = await customer(tc, '丁', '02', { SIZE: '12' })
    const r = await updateAttribute(t.ctx(tc), 'SIZE', { type: 'number', precision: 1, indexed: true })
    expect([r.rewritten, r.attribute.type]).toEqual([1, 'number'])
    const back = await t.deps.store.read(async (tx) =>
      tx.customers.byId((await tx.tenants.byCode(tc))!.id, EVERY_CUSTOMER, c.id),
    )
    expect(back?.attributes.SIZE).toBe(120)
  })

  it('keeps unique attribute values unique in the database', async () => {
    const tc = await tenant()
    await createDimension(t.ctx(tc), { code: 'D', name: '维度' } as never)
    await createAttribute(t.ctx(tc), 'D', {
      code: 'ERP',
      name: 'ERP 编号',
      type: 'text',
      unique: true,
    } as never)
    await customer(tc, '甲', '02', { ERP: 'E-1' })
    const e = await failure(customer(tc, '乙', '02', { ERP: ' e-1 ' }))
    expect([e.kind, e.code, e.details?.attribute]).toEqual(['conflict', 'ATTR_NOT_UNIQUE', 'ERP'])
    await customer(tc, '丙', '02', { ERP: 'E-2' })
    // Turning uniqueness on over duplicates is refused by the database claims.
    await createAttribute(t.ctx(tc), 'D', { code: 'CITY', name: '城市', type: 'text' } as never)
    await customer(tc, '丁', '02', { CITY: '北京' })
    await customer(tc, '戊', '02', { CITY: '北京' })
    expect((await failure(updateAttribute(t.ctx(tc), 'CITY', { unique: true }))).code).toBe('ATTR_NOT_UNIQUE')
    const [dim] = await listDimensions(t.ctx(tc))
    expect(dim?.attributes.find((a) => a.code === 'CITY')?.unique).toBe(false)
  })
})
