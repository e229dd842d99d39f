import { type AppError, type Customer, isAppError, type Tx } from '@kehu/core'
import { aCustomer, testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { type AppTest, setupAppTest } from '../testing/app-test.js'
import { batchAssign, previewBatchAssign } from './batch-assign.js'
import { createClassRule, deleteClassRule, listClassRules, updateClassRule } from './class-rules.js'
import { createNode } from './create-node.js'
import { createScheme } from './create-scheme.js'
import { deleteNode } from './delete-node.js'
import { getTree } from './get-tree.js'
import { applyClassRules } from './internal/auto-classify.js'
import { classDefaults } from './internal/class-defaults.js'
import { resolveNode } from './internal/resolve-node.js'
import { findScheme } from './internal/scheme-context.js'
import { listSchemes } from './list-schemes.js'
import { mergeNodes, previewMergeNodes } from './merge-nodes.js'
import { moveNode, previewMoveNode } from './move-node.js'
import { applyReclassify, previewReclassify } from './reclassify.js'
import { renameNode, setNodeDefaults, setNodeEnabled, updateNode } from './update-node.js'
import { updateScheme } from './update-scheme.js'

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    if (isAppError(e)) return e
    throw e
  }
  throw new Error('expected a refusal')
}
const codes = (e: AppError) => [e.code, ...e.issues.map((i) => i.code)]

describe.each(testKinds())('classification on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind)
  })
  afterAll(() => t?.dispose())

  const add = (tenant: string, code: string, name: string, scheme = 'class') =>
    createNode(t.ctx(tenant), scheme, { code, name })

  /** Customers inserted directly (the customer slice is tested on its own), classes by node code. */
  async function customers(
    tenant: string,
    n: number,
    classes: Record<string, string> = {},
    over: Partial<Customer> = {},
  ) {
    return t.deps.store.transaction(async (tx: Tx) => {
      const ten = await resolveTenant(tx, tenant)
      const placed: Record<string, string> = {}
      for (const [schemeCode, nodeCode] of Object.entries(classes)) {
        const s = await findScheme(tx, ten.id, schemeCode)
        const node = s && (await resolveNode(tx, ten.id, s.id, nodeCode))
        if (!s || !node) throw new Error(`no ${schemeCode}/${nodeCode}`)
        placed[s.id] = node.id
      }
      const out: Customer[] = []
      for (let i = 0; i < n; i++) {
        const c = aCustomer(ten.id, {
          classes: placed,
          name: `客户${i}${Math.random().toString(36).slice(2, 6)}`,
          ...over,
        })
        await tx.customers.insert(c)
        await tx.codes.tryInsert({
          tenantId: ten.id,
          code: c.code,
          customerId: c.id,
          kind: 'live',
          ruleId: null,
          scopeKey: null,
          serial: null,
          createdAt: c.createdAt,
        })
        out.push(c)
      }
      return out
    })
  }

  async function tree234(tenant: string) {
    await add(tenant, '01', '华北')
    await add(tenant, '01001', '华北大客户')
    await add(tenant, '010010001', '北京大客户')
    await add(tenant, '02', '华东')
  }

  it('lists the built-in schemes with masks and builds a 2-3-4 tree shown as (01001) 华北大客户', async () => {
    const tenant = await t.newTenant()
    await tree234(tenant)
    const schemes = await listSchemes(t.ctx(tenant))
    expect(schemes.map((s) => s.code)).toEqual(['type', 'class', 'region', 'industry'])
    expect(schemes.find((s) => s.code === 'class')?.mask).toBe('** *** ****')
    const tree = await getTree(t.ctx(tenant), 'class')
    expect(tree.nodes.map((n) => n.displayName)).toEqual([
      '(01) 华北',
      '(01001) 华北大客户',
      '(010010001) 北京大客户',
      '(02) 华东',
    ])
    expect(tree.nodes.map((n) => [n.code, n.level, n.leaf])).toEqual([
      ['01', 1, false],
      ['01001', 2, false],
      ['010010001', 3, true],
      ['02', 1, true],
    ])
  })

  it('refuses 010, 0100100011 and a child whose parent is missing; suggests the next sibling', async () => {
    const tenant = await t.newTenant()
    await add(tenant, '01', '华北')
    expect(codes(await refusal(add(tenant, '010', '坏')))).toContain('CLASS_INVALID')
    const bad = await refusal(add(tenant, '010', '坏'))
    expect(bad.issues[0]?.message.zh).toContain('2-3-4')
    expect((await refusal(add(tenant, '0100100011', '太长'))).code).toBe('CLASS_INVALID')
    expect(codes(await refusal(add(tenant, '02001', '无上级')))).toContain('CLASS_PARENT_NOT_FOUND')
    const next = await createNode(t.ctx(tenant), 'class', { name: '华东' })
    expect(next.code).toBe('02')
    const child = await createNode(t.ctx(tenant), 'class', { name: '华北一部', parentCode: '01' })
    expect(child.code).toBe('01001')
  })

  it('creates a user-defined scheme; refuses a used level change and allows widening an unused level', async () => {
    const tenant = await t.newTenant()
    const s = await createScheme(t.ctx(tenant), { code: 'value', name: '价值等级', levels: '2-3-4' })
    expect(s).toMatchObject({ code: 'VALUE', mask: '** *** ****', leafOnly: true, builtin: false })
    expect((await refusal(createScheme(t.ctx(tenant), { code: 'VALUE', name: 'x' }))).issues[0]?.code).toBe(
      'SCHEME_CODE_TAKEN',
    )
    expect(codes(await refusal(createScheme(t.ctx(tenant), { code: '9x', name: '', levels: '2-x' })))).toEqual(
      expect.arrayContaining(['SCHEME_CODE_INVALID', 'SCHEME_NAME_REQUIRED', 'LEVEL_SCHEME_SYNTAX']),
    )
    await add(tenant, '01', '高价值', 'VALUE')
    await add(tenant, '01001', '战略', 'VALUE')
    const used = await refusal(updateScheme(t.ctx(tenant), 'VALUE', { levels: '2-4-4' }))
    expect(codes(used)).toContain('LEVEL_SCHEME_USED_LEVEL_CHANGED')
    expect(used.issues[0]?.message.zh).toContain('01001')
    const widened = await updateScheme(t.ctx(tenant), 'value', { levels: '2-3-6', name: '价值' })
    expect(widened).toMatchObject({ levels: '2-3-6', mask: '** *** ******', name: '价值' })
    await add(tenant, '01001000001', '六位', 'VALUE')
    const flat = await createScheme(t.ctx(tenant), { code: 'CHANNEL', name: '渠道' })
    expect(flat).toMatchObject({ levels: null, mask: null, leafOnly: false })
    await add(tenant, 'ONLINE', '线上', 'CHANNEL')
  })

  it('renames, disables and enables; a disabled class takes no customers', async () => {
    const tenant = await t.newTenant()
    await tree234(tenant)
    await renameNode(t.ctx(tenant), 'class', '02', '华东区')
    expect(codes(await refusal(renameNode(t.ctx(tenant), 'class', '02', '华北')))).toContain('CLASS_NAME_TAKEN')
    await setNodeEnabled(t.ctx(tenant), 'class', '02', false)
    const tree = await getTree(t.ctx(tenant), 'class')
    expect(tree.nodes.find((n) => n.code === '02')).toMatchObject({ name: '华东区', enabled: false })
    const [c] = await customers(tenant, 1)
    const e = await refusal(batchAssign(t.ctx(tenant), 'class', { node: '02', customerIds: [c?.id ?? ''] }))
    expect(e.code).toBe('CLASS_DISABLED')
    await setNodeEnabled(t.ctx(tenant), 'class', '02', true)
    expect((await batchAssign(t.ctx(tenant), 'class', { node: '02', customerIds: [c?.id ?? ''] })).assigned).toBe(1)
  })

  it('moves a subtree: codes re-derived, old codes resolve as aliases, customers follow', async () => {
    const tenant = await t.newTenant()
    await tree234(tenant)
    await customers(tenant, 3, { class: '010010001' })
    const input = { newParentCode: '02' }
    const preview = await previewMoveNode(t.ctx(tenant), 'class', '01001', input)
    expect(preview.moves.map((m) => [m.oldCode, m.newCode])).toEqual([
      ['01001', '02001'],
      ['010010001', '020010001'],
    ])
    expect(preview.customersAffected).toBe(3)
    expect((await getTree(t.ctx(tenant), 'class')).nodes.map((n) => n.code)).toContain('01001')
    const rule = await createClassRule(t.ctx(tenant), 'class', {
      name: '华北大客户下',
      condition: {
        any: [
          { field: 'class', op: 'under', value: ['01001', '02'] },
          { field: 'name', op: 'eq', value: '01001' },
        ],
      },
      node: '010010001',
    })
    await moveNode(t.ctx(tenant), 'class', '01001', input)
    // Rules keep naming the same classes: their old codes are rewritten, other fields are left alone.
    expect((await listClassRules(t.ctx(tenant), 'class')).find((r) => r.id === rule.id)?.condition).toEqual({
      any: [
        { field: 'class', op: 'under', value: ['02001', '02'] },
        { field: 'name', op: 'eq', value: '01001' },
      ],
    })
    const tree = await getTree(t.ctx(tenant), 'class')
    expect(tree.nodes.find((n) => n.code === '020010001')).toMatchObject({
      customerCount: 3,
      aliases: ['010010001'],
      level: 3,
    })
    expect(tree.nodes.find((n) => n.code === '02')?.subtreeCustomerCount).toBe(3)
    expect(tree.nodes.find((n) => n.code === '01')?.leaf).toBe(true)
    const byOld = await t.deps.store.read(async (tx) => {
      const ten = await resolveTenant(tx, tenant)
      const s = await findScheme(tx, ten.id, 'class')
      return resolveNode(tx, ten.id, s?.id ?? '', '010010001')
    })
    expect(byOld?.code).toBe('020010001')
    // The old code stays taken, and finds the node in by-code operations.
    expect(codes(await refusal(add(tenant, '01001', '复用旧编码')))).toContain('CLASS_CODE_TAKEN_BY_ALIAS')
    await renameNode(t.ctx(tenant), 'class', '01001', '华东大客户')
    expect((await getTree(t.ctx(tenant), 'class')).nodes.find((n) => n.code === '02001')?.name).toBe('华东大客户')
    expect(codes(await refusal(moveNode(t.ctx(tenant), 'class', '02', { newParentCode: '02001' })))).toContain(
      'CLASS_MOVE_INTO_ITSELF',
    )
  })

  it('merges two classes: customers re-pointed, the source code kept as an alias of the target', async () => {
    const tenant = await t.newTenant()
    await tree234(tenant)
    await add(tenant, '010010002', '天津大客户')
    await customers(tenant, 2, { class: '010010002' })
    await customers(tenant, 1, { class: '010010001' })
    await createClassRule(t.ctx(tenant), 'class', {
      name: '天津',
      condition: { all: [{ field: 'address', op: 'contains', value: '天津' }] },
      node: '010010002',
    })
    await createClassRule(t.ctx(tenant), 'class', {
      name: '天津大客户下',
      condition: { all: [{ field: 'class', op: 'under', value: ['010010002'] }] },
      node: '010010001',
    })
    // The preview is the merge rehearsed and rolled back: the same counts, and nothing changed.
    const preview = await previewMergeNodes(t.ctx(tenant), 'class', '010010002', { into: '010010001' })
    expect(preview).toEqual({
      source: '010010002',
      target: '010010001',
      customersMoved: 2,
      rulesRetargeted: 1,
      rulesRewritten: ['天津大客户下'],
    })
    const before = await getTree(t.ctx(tenant), 'class')
    expect(before.nodes.find((n) => n.code === '010010002')).toMatchObject({ customerCount: 2 })
    expect(codes(await refusal(previewMergeNodes(t.ctx(tenant), 'class', '01', { into: '02' })))).toContain(
      'CLASS_MERGE_REFUSED',
    )
    const r = await mergeNodes(t.ctx(tenant), 'class', '010010002', { into: '010010001' })
    expect(r).toEqual(preview)
    const tree = await getTree(t.ctx(tenant), 'class')
    expect(tree.nodes.find((n) => n.code === '010010001')).toMatchObject({ customerCount: 3, aliases: ['010010002'] })
    expect(tree.nodes.some((n) => n.code === '010010002')).toBe(false)
    expect(codes(await refusal(mergeNodes(t.ctx(tenant), 'class', '01', { into: '02' })))).toContain(
      'CLASS_MERGE_REFUSED',
    )
  })

  it('in a leaf-only scheme, a child under a class with customers is refused, or takes its customers when asked', async () => {
    const tenant = await t.newTenant()
    await add(tenant, '01', '华北')
    const held = await customers(tenant, 2, { class: '01' })
    const refused = await refusal(add(tenant, '01001', '华北一部'))
    expect(codes(refused)).toContain('CLASS_PARENT_HAS_CUSTOMERS')
    expect(refused.issues.find((i) => i.code === 'CLASS_PARENT_HAS_CUSTOMERS')?.message.zh).toContain('2 个客户')
    await createNode(t.ctx(tenant), 'class', { code: '01001', name: '华北一部', moveParentCustomers: true })
    const tree = await getTree(t.ctx(tenant), 'class')
    expect(tree.nodes.map((n) => [n.code, n.customerCount])).toEqual([
      ['01', 0],
      ['01001', 2],
    ])
    const history = await t.deps.store.read(async (tx) =>
      tx.audit.listFor((await resolveTenant(tx, tenant)).id, 'customer', held[0]?.id ?? ''),
    )
    expect(history.map((e) => [e.action, e.data.after])).toContainEqual(['customer.reclassified', '01001'])
  })

  it('guards delete with the counts, and moves the customers first when asked', async () => {
    const tenant = await t.newTenant()
    await tree234(tenant)
    await add(tenant, '02001', '华东大客户')
    await customers(tenant, 2, { class: '010010001' })
    const withChildren = await refusal(deleteNode(t.ctx(tenant), 'class', '01001'))
    expect(withChildren.code).toBe('CLASS_HAS_CHILDREN')
    const used = await refusal(deleteNode(t.ctx(tenant), 'class', '010010001'))
    expect(used.code).toBe('CLASS_HAS_CUSTOMERS')
    expect(used.text.zh).toContain('2 个客户')
    expect(used.kind).toBe('conflict')
    expect((await refusal(deleteNode(t.ctx(tenant), 'class', '010010001', { moveCustomersTo: '02' }))).code).toBe(
      'CLASS_NOT_LEAF',
    )
    const r = await deleteNode(t.ctx(tenant), 'class', '010010001', { moveCustomersTo: '02001' })
    expect(r).toEqual({ code: '010010001', customersMoved: 2, movedTo: '02001' })
    const tree = await getTree(t.ctx(tenant), 'class')
    expect(tree.nodes.find((n) => n.code === '02001')?.customerCount).toBe(2)
    await deleteNode(t.ctx(tenant), 'class', '01001')
    expect((await getTree(t.ctx(tenant), 'class')).nodes.map((n) => n.code)).toEqual(['01', '02', '02001'])
  })

  it('batch-assigns selected or filtered customers with a previewed count; refuses a non-leaf', async () => {
    const tenant = await t.newTenant()
    await tree234(tenant)
    const bj = await customers(tenant, 3, {}, { address: '北京市朝阳区' })
    await customers(tenant, 2, {}, { address: '上海市浦东新区' })
    const nonLeaf = await refusal(
      batchAssign(t.ctx(tenant), 'class', { node: '01001', customerIds: [bj[0]?.id ?? ''] }),
    )
    expect(nonLeaf.code).toBe('CLASS_NOT_LEAF')
    expect(nonLeaf.text.zh).toContain('末级')
    const filter = { all: [{ field: 'address', op: 'contains' as const, value: '北京' }] }
    const preview = await previewBatchAssign(t.ctx(tenant), 'class', { node: '010010001', filter })
    expect(preview).toMatchObject({ count: 3, alreadyThere: 0 })
    expect(preview.sample).toHaveLength(3)
    expect(
      (await refusal(batchAssign(t.ctx(tenant), 'class', { node: '010010001', filter, expectedCount: 4 }))).code,
    ).toBe('CLASS_ASSIGN_COUNT_CHANGED')
    const r = await batchAssign(t.ctx(tenant), 'class', { node: '010010001', filter, expectedCount: 3 })
    expect(r.assigned).toBe(3)
    expect((await getTree(t.ctx(tenant), 'class')).nodes.find((n) => n.code === '010010001')?.customerCount).toBe(3)
    const history = await t.deps.store.read(async (tx) =>
      tx.audit.listFor((await resolveTenant(tx, tenant)).id, 'customer', bj[0]?.id ?? ''),
    )
    expect(history.map((e) => e.action)).toContain('customer.reclassified')
    // By customer code, too; unknown ones are named.
    const byCode = await previewBatchAssign(t.ctx(tenant), 'class', {
      node: '02',
      customerIds: [bj[1]?.code ?? ''],
    })
    expect(byCode.count).toBe(1)
    const missing = await refusal(previewBatchAssign(t.ctx(tenant), 'class', { node: '02', customerIds: ['NOPE'] }))
    expect(missing.issues[0]?.message.zh).toContain('NOPE')
    const badFilter = await refusal(
      previewBatchAssign(t.ctx(tenant), 'class', {
        node: '02',
        filter: { all: [{ field: 'nope', op: 'eq', value: 1 }] },
      }),
    )
    expect(badFilter.code).toBe('FILTER_INVALID')
  })

  it('automatic rules: CRUD, re-classification preview and apply', async () => {
    const tenant = await t.newTenant()
    await tree234(tenant)
    await add(tenant, '02001', '华东大客户')
    await customers(tenant, 2, { class: '02001' }, { address: '北京市海淀区' })
    await customers(tenant, 1, {}, { address: '北京市东城区' })
    await customers(tenant, 1, { class: '02001' }, { address: '上海市' })
    const bad = await refusal(
      createClassRule(t.ctx(tenant), 'class', {
        name: '',
        condition: { all: [{ field: 'nope', op: 'eq', value: 1 }] },
        node: '01',
      }),
    )
    expect(codes(bad)).toEqual(expect.arrayContaining(['CLASS_RULE_NAME_REQUIRED', 'CLASS_NOT_LEAF']))
    const rule = await createClassRule(t.ctx(tenant), 'class', {
      name: '北京客户',
      condition: { all: [{ field: 'address', op: 'contains', value: '北京' }] },
      node: '010010001',
    })
    expect(rule.description.zh).toContain('北京')
    expect((await listClassRules(t.ctx(tenant), 'class')).map((r) => r.name)).toEqual(['北京客户'])
    const preview = await previewReclassify(t.ctx(tenant), 'class')
    expect(preview.count).toBe(3)
    expect(preview.transitions).toEqual([
      { from: '02001', to: '010010001', count: 2 },
      { from: null, to: '010010001', count: 1 },
    ])
    expect((await refusal(applyReclassify(t.ctx(tenant), 'class', { expectedCount: 9 }))).code).toBe(
      'CLASS_RECLASSIFY_CHANGED',
    )
    const applied = await applyReclassify(t.ctx(tenant), 'class', { expectedCount: 3 })
    expect(applied.moved).toBe(3)
    expect((await previewReclassify(t.ctx(tenant), 'class')).count).toBe(0)
    const tree = await getTree(t.ctx(tenant), 'class')
    expect(tree.nodes.find((n) => n.code === '010010001')?.customerCount).toBe(3)
    expect(tree.nodes.find((n) => n.code === '02001')?.customerCount).toBe(1)
    // A rule's target cannot be deleted under it.
    expect((await refusal(deleteNode(t.ctx(tenant), 'class', '010010001', { moveCustomersTo: '02001' }))).code).toBe(
      'CLASS_HAS_RULES',
    )
    await updateClassRule(t.ctx(tenant), 'class', '北京客户', { enabled: false })
    expect((await listClassRules(t.ctx(tenant), 'class'))[0]?.enabled).toBe(false)
    await deleteClassRule(t.ctx(tenant), 'class', rule.id)
    expect(await listClassRules(t.ctx(tenant), 'class')).toEqual([])
  })

  it('hooks for create: rules fill only empty schemes; defaults come from the nearest node', async () => {
    const tenant = await t.newTenant()
    await tree234(tenant)
    await add(tenant, '02001', '华东大客户')
    await createClassRule(t.ctx(tenant), 'class', {
      name: '北京客户',
      condition: { all: [{ field: 'address', op: 'contains', value: '北京' }] },
      node: '010010001',
    })
    await setNodeDefaults(t.ctx(tenant), 'class', '01', { accountManager: 'admin', serviceLevel: 'A' })
    await setNodeDefaults(t.ctx(tenant), 'class', '010010001', { serviceLevel: 'VIP' })
    expect(
      codes(
        await refusal(setNodeDefaults(t.ctx(tenant), 'class', '01', { accountManager: 'nobody', codeRule: 'nope' })),
      ),
    ).toEqual(expect.arrayContaining(['CLASS_DEFAULT_USER_NOT_FOUND', 'CLASS_DEFAULT_RULE_NOT_FOUND']))
    await t.deps.store.read(async (tx) => {
      const ten = await resolveTenant(tx, tenant)
      const scheme = await findScheme(tx, ten.id, 'class')
      const other = await resolveNode(tx, ten.id, scheme?.id ?? '', '02001')
      const subject = { fields: { address: '北京市西城区' }, classes: {}, attributes: {} }
      const filled = await applyClassRules(tx, ten.id, subject, {})
      const target = await resolveNode(tx, ten.id, scheme?.id ?? '', '010010001')
      expect(filled[scheme?.id ?? '']).toBe(target?.id)
      const kept = await applyClassRules(tx, ten.id, subject, { [scheme?.id ?? '']: other?.id ?? '' })
      expect(kept[scheme?.id ?? '']).toBe(other?.id)
      const d = await classDefaults(tx, ten.id, [target?.id ?? ''])
      const admin = await tx.users.byLogin('admin')
      expect(d).toEqual({ accountManagerId: admin?.id, serviceLevel: 'VIP' })
    })
    const node = await updateNode(t.ctx(tenant), 'class', '01', { defaults: { accountManager: null } })
    expect(node.defaults.accountManagerId).toBeNull()
  })
})
