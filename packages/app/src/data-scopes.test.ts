// Data scopes through the use cases (docs/decisions/0027-data-scopes.md): a member restricted to a class
// subtree or to their own customers sees, counts and changes only those; a hidden customer is "not found".
import type { Actor } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from './access/create-user.js'
import { getMe } from './access/me.js'
import { clearScopes, grantScopes, listMembers, setMember } from './access/members.js'
import { resolveActor } from './access/resolve-actor.js'
import { batchAssign } from './classification/batch-assign.js'
import { createNode } from './classification/create-node.js'
import { deleteNode } from './classification/delete-node.js'
import { getTree } from './classification/get-tree.js'
import { mergeNodes } from './classification/merge-nodes.js'
import { moveNode } from './classification/move-node.js'
import { auditCodes } from './codes/audit-codes.js'
import type { RequestContext } from './context.js'
import { createCustomer } from './customers/create-customer.js'
import { customerHistory } from './customers/customer-history.js'
import { findCustomers } from './customers/find-customers.js'
import { getCustomer } from './customers/get-customer.js'
import { getCustomerByCode } from './customers/get-customer-by-code.js'
import { updateCustomer } from './customers/update-customer.js'
import { getSummary } from './tenancy/get-summary.js'
import { type AppTest, failure, setupAppTest } from './testing/app-test.js'

describe.each(testKinds())('data scopes on %s', (kind) => {
  let t: AppTest
  let tenant: string
  const ids: Record<string, string> = {}
  const codes: Record<string, string> = {}
  beforeAll(async () => {
    t = await setupAppTest(kind)
    tenant = await t.newTenant()
    const admin = t.ctx(tenant)
    for (const [code, parentCode] of [
      ['01', undefined],
      ['01001', '01'],
      ['010010001', '01001'],
      ['010010002', '01001'],
      ['02', undefined],
      ['02001', '02'],
      ['020010001', '02001'],
    ] as const)
      ids[code] = (
        await createNode(admin, 'class', { code, name: `分类${code}`, ...(parentCode ? { parentCode } : {}) })
      ).id
    for (const [name, klass] of [
      ['甲一公司', '010010001'],
      ['乙二公司', '020010001'],
    ] as const)
      codes[name] = (await createCustomer(admin, { name, class: klass })).customer.code
    await createCustomer(admin, { name: '丙三公司', uscc: '91350100M000100Y43', class: '020010001' })
  })
  afterAll(() => t?.dispose())

  let n = 0
  /** A new 业务员 with these scopes, and their request context as the server would resolve it. */
  async function member(
    scopes: Parameters<typeof setMember>[2]['scopes'],
    role = '业务员',
  ): Promise<RequestContext & { login: string }> {
    const login = `sales${++n}${kind.slice(0, 2)}`
    await createUser(t.base, { login })
    await setMember(t.ctx(tenant), login, { roles: [role], scopes })
    const user = await t.deps.store.read((tx) => tx.users.byLogin(login))
    const actor: Actor = await resolveActor(t.deps, user!.id, tenant)
    return { deps: t.deps, actor, tenant, lang: 'zh-CN', login }
  }
  /** The member's context as the next request resolves it (after a change to their scopes' nodes). */
  const again = async (ctx: RequestContext) => ({ ...ctx, actor: await resolveActor(t.deps, ctx.actor.userId, tenant) })
  const names = async (ctx: RequestContext) =>
    (await findCustomers(await again(ctx), {})).items.map((v) => v.customer.name).sort()

  it('lists, counts and finds only the customers in the class subtree; the rest are not found', async () => {
    const me = await member([{ kind: 'node', nodeId: ids['01']!, subtree: true }])
    expect(await names(me)).toEqual(['甲一公司'])
    expect((await findCustomers(me, { q: '乙二' })).total).toBe(0)
    expect((await getSummary(me)).customers).toBe(1)
    expect((await getCustomer(me, codes.甲一公司!)).customer.name).toBe('甲一公司')
    for (const read of [
      () => getCustomer(me, codes.乙二公司!),
      () => getCustomerByCode(me, codes.乙二公司!),
      () => customerHistory(me, codes.乙二公司!),
      () => updateCustomer(me, codes.乙二公司!, 1, { remarks: 'x' }),
    ])
      expect(await failure(read())).toMatchObject({ kind: 'not-found' })
    const tree = await getTree(me, 'class')
    // only the permitted subtree (and the way to it), counting only visible customers
    expect(tree.nodes.map((x) => [x.code, x.subtreeCustomerCount])).toEqual([
      ['01', 1],
      ['01001', 1],
      ['010010001', 1],
      ['010010002', 0],
    ])
    expect((await auditCodes({ ...me, actor: { ...me.actor, permissions: 'all' } })).checked).toBe(1)
  })

  it('本级 alone shows the node’s own customers, not its subtree’s', async () => {
    expect(await names(await member([{ kind: 'node', nodeId: ids['01001']!, subtree: false }]))).toEqual([])
    expect(await names(await member([{ kind: 'node', nodeId: ids['010010001']!, subtree: false }]))).toEqual([
      '甲一公司',
    ])
  })

  it('refuses to create or move a customer out of the caller’s scope, and writes nothing', async () => {
    const me = await member([{ kind: 'node', nodeId: ids['01']!, subtree: true }])
    const before = (await getSummary(t.ctx(tenant))).customers
    expect(await failure(createCustomer(me, { name: '界外公司', class: '020010001' }))).toMatchObject({
      kind: 'forbidden',
      code: 'CUSTOMER_OUTSIDE_DATA_SCOPE',
    })
    expect(await failure(createCustomer(me, { name: '无类公司' }))).toMatchObject({
      code: 'CUSTOMER_OUTSIDE_DATA_SCOPE',
    })
    expect((await getSummary(t.ctx(tenant))).customers).toBe(before)
    const mine = await createCustomer(me, { name: '界内公司', class: '010010002' })
    expect(
      await failure(updateCustomer(me, mine.customer.code, mine.customer.version, { class: '020010001' })),
    ).toMatchObject({ code: 'CUSTOMER_OUTSIDE_DATA_SCOPE' })
    expect((await getCustomer(t.ctx(tenant), mine.customer.code)).nodes.class?.code).toBe('010010002')
    expect(
      await failure(batchAssign(me, 'class', { customerIds: [mine.customer.code], node: '020010001' })),
    ).toMatchObject({ code: 'CUSTOMER_OUTSIDE_DATA_SCOPE' })
  })

  it('never names a hidden customer: a taken USCC or an unseen head office', async () => {
    // 建档员: entering a USCC needs the sensitive-field permission
    const me = await member([{ kind: 'node', nodeId: ids['01']!, subtree: true }], '建档员')
    const taken = await failure(
      createCustomer(me, { name: '重号公司', uscc: '91350100M000100Y43', class: '010010001' }),
    )
    expect(taken.code).toBe('CUSTOMER_USCC_TAKEN')
    expect(JSON.stringify(taken)).not.toContain('丙三')
    expect(taken.details).toEqual({ uscc: '91350100M000100Y43' })
    const head = await failure(createCustomer(me, { name: '分公司', headOffice: codes.乙二公司!, class: '010010001' }))
    expect(head.issues.map((i) => i.code)).toEqual(['CUSTOMER_NOT_FOUND'])
  })

  it('own: only the customers one manages; a new one is the creator’s', async () => {
    const me = await member([{ kind: 'own' }])
    expect(await names(me)).toEqual([])
    const mine = await createCustomer(me, { name: '自营公司', class: '020010001' })
    expect(mine.accountManager).toBe(me.login)
    expect(await names(me)).toEqual(['自营公司'])
    const other = await member([])
    expect(await failure(createCustomer(me, { name: '他人公司', accountManager: other.login }))).toMatchObject({
      code: 'CUSTOMER_OUTSIDE_DATA_SCOPE',
    })
  })

  it('keeps scopes through moves and merges, refuses deleting a scoped class, lists members', async () => {
    const me = await member([{ kind: 'node', nodeId: ids['010010002']!, subtree: false }])
    await createCustomer(t.ctx(tenant), { name: '合并公司', class: '010010002' })
    expect(await names(me)).toEqual(['合并公司', '界内公司'])
    await mergeNodes(t.ctx(tenant), 'class', '010010002', { into: '010010001' })
    expect(await names(me)).toEqual(['合并公司', '甲一公司', '界内公司'])
    expect(await failure(deleteNode(t.ctx(tenant), 'class', '010010001'))).toMatchObject({ kind: 'conflict' })
    const sub = await member([{ kind: 'node', nodeId: ids['02']!, subtree: true }])
    await moveNode(t.ctx(tenant), 'class', '02001', { newParentCode: '01' })
    const moved = await member([{ kind: 'node', nodeId: ids['01']!, subtree: true }])
    expect(await names(moved)).toContain('乙二公司')
    expect(await names(sub)).toEqual([])
    expect((await getMe(await again(me))).scopes).toEqual([
      expect.objectContaining({ kind: 'node', schemeCode: 'class', nodeCode: '010010001', subtree: false }),
    ])
    const listed = (await listMembers(t.ctx(tenant))).find((m) => m.login === me.login)
    expect(listed).toMatchObject({
      roles: ['sales'],
      scopes: [{ kind: 'node', schemeCode: 'class', nodeCode: '010010001', subtree: false }],
    })
  })

  it('grants scopes on top of others and clears them; without a role there are none', async () => {
    const me = await member([])
    expect((await grantScopes(t.ctx(tenant), { login: me.login, scopes: [{ kind: 'own' }] })).scopes).toEqual([
      { kind: 'own' },
    ])
    const both = await grantScopes(t.ctx(tenant), {
      login: me.login,
      scopes: [{ kind: 'node', nodeId: ids['01']!, subtree: true }],
    })
    expect(both.scopes.map((s) => s.kind)).toEqual(['own', 'node'])
    expect((await clearScopes(t.ctx(tenant), me.login)).scopes).toEqual([])
    expect(await failure(setMember(t.ctx(tenant), me.login, { roles: [], scopes: [{ kind: 'own' }] }))).toMatchObject({
      code: 'MEMBER_SCOPES_WITHOUT_ROLE',
    })
    expect(
      await failure(
        setMember(t.ctx(tenant), me.login, {
          roles: ['sales'],
          scopes: [{ kind: 'node', nodeId: 'nope', subtree: true }],
        }),
      ),
    ).toMatchObject({ code: 'SCOPE_NODE_NOT_FOUND' })
    expect((await setMember(t.ctx(tenant), me.login, { roles: [], scopes: [] })).roles).toEqual([])
  })
})
