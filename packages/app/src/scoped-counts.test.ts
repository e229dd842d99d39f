// A restricted 管理员 (class:edit, dimension:edit … with a data scope) changes classes and dimensions that hold
// customers they cannot see: the change acts on every customer, but its previews, results and refusals count
// only the visible ones or give no number (docs/decisions/0030-counts-for-scoped-callers.md).
import type { Actor } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from './access/create-user.js'
import { setMember } from './access/members.js'
import { resolveActor } from './access/resolve-actor.js'
import { createRole } from './access/roles.js'
import { createAttribute } from './attributes/create-attribute.js'
import { createDimension } from './attributes/create-dimension.js'
import { deleteAttribute } from './attributes/delete-attribute.js'
import { deleteDimension } from './attributes/delete-dimension.js'
import { previewAttributeChange, updateAttribute } from './attributes/update-attribute.js'
import { createNode } from './classification/create-node.js'
import { deleteNode } from './classification/delete-node.js'
import { previewMergeNodes } from './classification/merge-nodes.js'
import { moveNode, previewMoveNode } from './classification/move-node.js'
import { updateScheme } from './classification/update-scheme.js'
import { codeCapacity } from './codes/code-capacity.js'
import type { RequestContext } from './context.js'
import { createCustomer } from './customers/create-customer.js'
import { getSummary } from './tenancy/get-summary.js'
import { type AppTest, failure, setupAppTest } from './testing/app-test.js'

describe.each(testKinds())('counts a scoped 管理员 gets on %s', (kind) => {
  let t: AppTest
  let tenant: string
  let boss: RequestContext
  const hiddenNames = ['乙一隐藏公司', '乙二隐藏公司', '乙三隐藏公司']
  beforeAll(async () => {
    t = await setupAppTest(kind)
    tenant = await t.newTenant()
    const admin = t.ctx(tenant)
    const ids: Record<string, string> = {}
    for (const [code, parentCode] of [
      ['01', undefined],
      ['01001', '01'],
      ['010010001', '01001'],
      ['02', undefined],
      ['02001', '02'],
      ['020010001', '02001'],
    ] as const)
      ids[code] = (
        await createNode(admin, 'class', { code, name: `分类${code}`, ...(parentCode ? { parentCode } : {}) })
      ).id
    await createDimension(admin, { code: 'D', name: '维度' } as never)
    await createAttribute(admin, 'D', { code: 'GRADE', name: '等级', type: 'text' } as never)
    await createCustomer(admin, { name: '甲可见公司', class: '010010001', attributes: { GRADE: 'A' } } as never)
    for (const name of hiddenNames)
      await createCustomer(admin, { name, class: '020010001', attributes: { GRADE: 'long value' } } as never)
    await createUser(t.base, { login: 'boss' })
    await setMember(admin, 'boss', { roles: ['管理员'], scopes: [{ kind: 'node', nodeId: ids['01']!, subtree: true }] })
    const user = await t.deps.store.read((tx) => tx.users.byLogin('boss'))
    const actor: Actor = await resolveActor(t.deps, user!.id, tenant)
    boss = { deps: t.deps, actor, tenant, lang: 'zh-CN' }
  })
  afterAll(() => t?.dispose())

  /** Neither the hidden customers' number (3) nor their names in what the caller gets. */
  const saysNothingHidden = (v: unknown) => {
    const s = JSON.stringify(v)
    expect(s).not.toMatch(/\b3\b/)
    for (const n of hiddenNames) expect(s).not.toContain(n)
  }

  it('refuses deleting a class with hidden customers without saying how many', async () => {
    const e = await failure(deleteNode(boss, 'class', '020010001'))
    expect(e.code).toBe('CLASS_HAS_CUSTOMERS')
    expect(e.text.zh).toBe('(020010001) 分类020010001 下还有客户，不能删除')
    expect(e.details).toEqual({ childCount: 0 })
    saysNothingHidden([e.text, e.details])
    // an unscoped administrator hears the number
    expect((await failure(deleteNode(t.ctx(tenant), 'class', '020010001'))).details).toEqual({
      childCount: 0,
      customerCount: 3,
    })
  })

  it('refuses a child under a leaf with hidden customers without a number', async () => {
    const child = await failure(createNode(boss, 'class', { code: '0200100010', name: 'x', parentCode: '020010001' }))
    const parent = child.issues.find((i) => i.code === 'CLASS_PARENT_HAS_CUSTOMERS')
    expect(parent?.message.zh).toBe('上级 (020010001) 分类020010001 下有客户；末级分类体系中须先把客户移到新分类')
    saysNothingHidden(parent)
  })

  it('previews and does a move or merge counting only the customers it sees', async () => {
    const move = await previewMoveNode(boss, 'class', '02001', { newParentCode: '01' })
    expect(move.customersAffected).toBe(0)
    expect(move.moves.map((m) => m.customerCount)).toEqual([0, 0])
    const recode = await previewMoveNode(boss, 'class', '02001', { newParentCode: '01', recodeCustomers: true })
    expect(recode.customersRecoded ?? []).toEqual([])
    const merge = await previewMergeNodes(boss, 'class', '020010001', { into: '010010001' })
    expect(merge.customersMoved).toBe(0)
    // the unscoped preview counts all three
    expect((await previewMoveNode(t.ctx(tenant), 'class', '02001', { newParentCode: '01' })).customersAffected).toBe(3)
  })

  it('counts attribute values, conflicts and rewrites of visible customers only', async () => {
    const preview = await previewAttributeChange(boss, 'GRADE', { constraints: { maxLength: 2 } } as never)
    expect(preview.held).toBe(1)
    expect(preview.conflicts).toEqual([])
    const refused = await failure(updateAttribute(boss, 'GRADE', { constraints: { maxLength: 2 } } as never))
    expect(refused.code).toBe('ATTR_CHANGE_CONFLICTS')
    expect(refused.text.zh).toBe('有客户的「等级」取值不符合新定义，未做任何修改')
    expect(refused.details).toEqual({ conflicts: [] })
    const inUse = await failure(deleteAttribute(boss, 'GRADE'))
    expect([inUse.code, inUse.details]).toEqual(['ATTR_IN_USE', {}])
    const dim = await failure(deleteDimension(boss, 'D'))
    expect(dim.text.zh).toBe('管理维度 D 的属性仍有客户填写（GRADE），不能删除')
    saysNothingHidden([preview, refused.text, refused.details, inUse.text, dim.text, dim.details])
    expect(
      (await previewAttributeChange(t.ctx(tenant), 'GRADE', { constraints: { maxLength: 2 } } as never)).held,
    ).toBe(4)
  })

  it('refuses a leaf-only scheme change without naming a class, and counter use outright', async () => {
    await updateScheme(t.ctx(tenant), 'class', { leafOnly: false } as never)
    await createNode(t.ctx(tenant), 'class', { code: '020010002', name: '下级', parentCode: '02001' })
    await t.deps.store.transaction(async (tx) => {
      const tn = await tx.tenants.byCode(tenant)
      const scheme = await tx.schemes.byCode(tn!.id, 'class')
      const inner = await tx.nodes.byCode(tn!.id, scheme!.id, '02001')
      const leaf = await tx.nodes.byCode(tn!.id, scheme!.id, '020010001')
      await tx.customers.repointNode(tn!.id, leaf!.id, inner!.id)
    })
    const e = await failure(updateScheme(boss, 'class', { leafOnly: true } as never))
    expect(e.issues.map((i) => i.message.zh)).toContain('非末级分类下有客户，请先移到末级')
    saysNothingHidden(e.issues)
    const cap = await failure(codeCapacity(boss))
    expect([cap.kind, cap.code]).toEqual(['forbidden', 'CODE_CAPACITY_SCOPED'])
    expect((await codeCapacity(t.ctx(tenant))).length).toBeGreaterThan(0)
  })

  it('gives a member without customer:read a dashboard of what they may see', async () => {
    await createRole(t.ctx(tenant), { code: 'auditor', name: '审计员', permissions: ['audit:read', 'code-rule:read'] })
    await createUser(t.base, { login: 'auditor' })
    await setMember(t.ctx(tenant), 'auditor', { roles: ['auditor'], scopes: [] })
    const user = await t.deps.store.read((tx) => tx.users.byLogin('auditor'))
    const auditor = {
      deps: t.deps,
      actor: await resolveActor(t.deps, user!.id, tenant),
      tenant,
      lang: 'zh-CN' as const,
    }
    const summary = await getSummary(auditor)
    expect([summary.customers, summary.schemes, summary.codeRules]).toEqual([null, [], expect.any(Number)])
    expect((await getSummary(t.ctx(tenant))).customers).toBe(4)
  })

  it('moves every customer, answering about the ones it saw', async () => {
    const done = await moveNode(boss, 'class', '02001', { newParentCode: '01', recodeCustomers: true })
    expect([done.customersAffected, done.customersRecoded]).toEqual([0, []])
    saysNothingHidden(done)
    // now in the subtree the caller sees
    expect((await previewMoveNode(boss, 'class', '01002', { newParentCode: '02' })).customersAffected).toBe(3)
  })
})
