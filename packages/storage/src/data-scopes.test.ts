// Data scopes in storage (docs/decisions/0027-data-scopes.md): every customer read filters by the caller's
// visibility in SQL, subtrees by the nodes' id paths, kept through moves; on SQLite and PostgreSQL.
import type { ClassNode, ClassScheme, Customer, NodeScope, Store, Visibility } from '@kehu/core'
import { EVERY_CUSTOMER } from '@kehu/core'
import { sql } from 'kysely'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore } from './kysely-store.js'
import { backfillNodePaths } from './migrations/0006-data-scopes.js'
import { aCustomer, aScheme, aTenant } from './testing/fixtures.js'
import { createTestDb, type TestDb, testKinds } from './testing/test-db.js'

const AT = '2026-01-01T00:00:00.000Z'

describe.each(testKinds())('data scopes in storage on %s', (kind) => {
  let db: TestDb
  let store: Store
  const t = aTenant()
  const other = aTenant()
  const klass = aScheme(t.id)
  const region = aScheme(t.id, { id: uuid(), code: 'region', name: '地区分类', levels: [2, 2], position: 2 })
  const node = (scheme: ClassScheme, code: string, parent: ClassNode | null): ClassNode => ({
    id: uuid(),
    tenantId: t.id,
    schemeId: scheme.id,
    code,
    name: `分类${code}`,
    parentId: parent?.id ?? null,
    level: parent ? parent.level + 1 : 1,
    enabled: true,
    defaults: {},
    createdAt: AT,
    updatedAt: AT,
  })
  const c01 = node(klass, '01', null)
  const c01001 = node(klass, '01001', c01)
  const c010010001 = node(klass, '010010001', c01001)
  const c02 = node(klass, '02', null)
  const c02001 = node(klass, '02001', c02)
  const hb = node(region, 'HB', null)
  const hbbj = node(region, 'HBBJ', hb)
  const hd = node(region, 'HD', null)
  const manager = {
    id: uuid(),
    login: `m${uuid().slice(-8)}`,
    displayName: '王经理',
    isAdmin: false,
    enabled: true,
    createdAt: AT,
  }
  const cust = (name: string, classes: ClassNode[], over: Partial<Customer> = {}) =>
    aCustomer(t.id, {
      name,
      code: name,
      classes: Object.fromEntries(classes.map((n) => [n.schemeId, n.id])),
      attributes: { LEVEL: 'A' },
      ...over,
    })
  const a = cust('A', [c01, hb]) // on 01 itself, 华北
  const b = cust('B', [c010010001, hbbj], { accountManagerId: manager.id }) // deep in 01, 北京
  const c = cust('C', [c02001, hd]) // outside 01, 华东
  const d = cust('D', [hbbj]) // no class at all
  const e = cust('E', [c02001, hbbj], { accountManagerId: manager.id })

  const scope = (n: ClassNode, subtree: boolean): NodeScope => ({
    schemeId: n.schemeId,
    nodeId: n.id,
    path: '',
    subtree,
  })
  /** A visibility with the nodes' stored paths, as resolveActor builds it. */
  const scoped = async (nodes: NodeScope[], ownerId: string | null = null, tenantId = t.id): Promise<Visibility> => ({
    kind: 'scoped',
    tenantId,
    ownerId,
    nodes: await store.read(async (tx) =>
      Promise.all(nodes.map(async (s) => ({ ...s, path: await tx.nodes.pathOf(t.id, s.nodeId) }))),
    ),
  })
  const names = async (visible: Visibility) =>
    (await store.read((tx) => tx.customers.find(t.id, visible, { limit: 100, offset: 0 }))).items.map((x) => x.name)

  beforeAll(async () => {
    db = await createTestDb(kind)
    store = createStore(db)
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.tenants.insert(other)
      await tx.users.insert(manager)
      await tx.schemes.insert(klass, AT)
      await tx.schemes.insert(region, AT)
      for (const n of [c01, c01001, c010010001, c02, c02001, hb, hbbj, hd]) await tx.nodes.insert(n)
      for (const x of [a, b, c, d, e]) {
        await tx.customers.insert(x)
        await tx.codes.tryInsert({
          tenantId: t.id,
          code: x.code,
          customerId: x.id,
          kind: 'live',
          ruleId: null,
          scopeKey: null,
          serial: null,
          createdAt: AT,
        })
      }
    })
  })
  afterAll(() => db?.dispose())

  it('keeps each node’s path of ids from the root', async () => {
    const paths = await store.read((tx) =>
      Promise.all([c01, c01001, c010010001].map((n) => tx.nodes.pathOf(t.id, n.id))),
    )
    expect(paths).toEqual([`/${c01.id}/`, `/${c01.id}/${c01001.id}/`, `/${c01.id}/${c01001.id}/${c010010001.id}/`])
  })

  it('shows a subtree (本级及下级) or the node alone (本级), united within a scheme', async () => {
    expect(await names(EVERY_CUSTOMER)).toEqual(['A', 'B', 'C', 'D', 'E'])
    expect(await names(await scoped([scope(c01, true)]))).toEqual(['A', 'B'])
    expect(await names(await scoped([scope(c01, false)]))).toEqual(['A'])
    expect(await names(await scoped([scope(c01001, true), scope(c02, true)]))).toEqual(['B', 'C', 'E'])
  })

  it('pages a scoped list in code order, with its total, as the unscoped list does', async () => {
    const v = await scoped([scope(c01001, true), scope(c02, true)])
    const page = (offset: number) =>
      store.read((tx) => tx.customers.find(t.id, v, { limit: 2, offset, status: ['active'] }))
    const [first, second] = [await page(0), await page(2)]
    expect([first.items.map((x) => [x.name, x.code, x.attributes]), first.total]).toEqual([
      [
        ['B', 'B', { LEVEL: 'A' }],
        ['C', 'C', { LEVEL: 'A' }],
      ],
      3,
    ])
    expect(second.items.map((x) => x.name)).toEqual(['E'])
    expect(second.items[0]?.classes).toEqual(e.classes)
  })

  it('intersects schemes and the own scope', async () => {
    expect(await names(await scoped([scope(c01, true), scope(hbbj, false)]))).toEqual(['B'])
    expect(await names(await scoped([scope(hb, true)]))).toEqual(['A', 'B', 'D', 'E'])
    expect(await names(await scoped([], manager.id))).toEqual(['B', 'E'])
    expect(await names(await scoped([scope(c02, true)], manager.id))).toEqual(['E'])
  })

  it('hides a customer from every read: by id, USCC, count, nodes, tree counts, codes, attribute counts', async () => {
    const v = await scoped([scope(c01, true)])
    const got = await store.read(async (tx) => ({
      byId: await tx.customers.byId(t.id, v, c.id),
      shown: (await tx.customers.byId(t.id, v, b.id))?.name,
      count: await tx.customers.count(t.id, v),
      page: await tx.customers.find(t.id, v, { q: 'C', limit: 10, offset: 0 }),
      onNodes: await tx.customers.idsOnNodes(t.id, v, [c02001.id, c010010001.id]),
      tree: [...(await tx.nodes.customerCounts(t.id, v, klass.id))].sort(),
      regionTree: await tx.nodes.customerCounts(t.id, v, region.id),
      codes: (await tx.codes.listAll(t.id, v)).map((x) => x.code),
      live: (await tx.codes.listLive(t.id, v)).map((x) => x.code),
      held: await tx.attributes.countHeld(t.id, v, 'LEVEL'),
    }))
    expect(got.byId).toBeUndefined()
    expect(got.shown).toBe('B')
    expect(got.count).toBe(2)
    expect(got.page).toEqual({ items: [], total: 0 })
    expect(got.onNodes).toEqual([b.id])
    expect(got.tree).toEqual(
      [
        ...new Map([
          [c01.id, 1],
          [c010010001.id, 1],
        ]),
      ].sort(),
    )
    expect(got.regionTree).toEqual(
      new Map([
        [hb.id, 1],
        [hbbj.id, 1],
      ]),
    )
    expect(got.codes).toEqual(['A', 'B'])
    expect(got.live).toEqual(['A', 'B'])
    expect(got.held).toBe(2)
    const withUscc = { ...c, uscc: '91110000MA01ABCD2X' }
    await store.transaction((tx) => tx.customers.update({ ...withUscc, version: 2 }, 1))
    expect(await store.read((tx) => tx.customers.byUscc(t.id, v, withUscc.uscc))).toBeUndefined()
    expect((await store.read((tx) => tx.customers.byUscc(t.id, EVERY_CUSTOMER, withUscc.uscc)))?.id).toBe(c.id)
  })

  it('shows nothing through a visibility of another tenant, or one whose scopes name nothing', async () => {
    expect(await names(await scoped([scope(c01, true)], null, other.id))).toEqual([])
    expect(await names({ kind: 'scoped', tenantId: t.id, nodes: [], ownerId: null })).toEqual([])
  })

  it('follows a moved subtree by id: its customers join the new parent’s scope', async () => {
    // 02001 (with C and E) moves under 01: an 01+ scope now sees them, a 02+ scope no longer does
    await store.transaction((tx) => tx.nodes.update({ ...c02001, parentId: c01.id, code: '01002', level: 2 }))
    const deeper = node(klass, '010020001', { ...c02001, level: 2 })
    await store.transaction((tx) => tx.nodes.insert(deeper))
    expect(await store.read((tx) => tx.nodes.pathOf(t.id, deeper.id))).toBe(`/${c01.id}/${c02001.id}/${deeper.id}/`)
    expect(await names(await scoped([scope(c01, true)]))).toEqual(['A', 'B', 'C', 'E'])
    expect(await names(await scoped([scope(c02, true)]))).toEqual([])
    // and back, with the child it gained
    await store.transaction((tx) => tx.nodes.update({ ...c02001, parentId: c02.id, code: '02001', level: 2 }))
    expect(await store.read((tx) => tx.nodes.pathOf(t.id, deeper.id))).toBe(`/${c02.id}/${c02001.id}/${deeper.id}/`)
    expect(await names(await scoped([scope(c02, true)]))).toEqual(['C', 'E'])
  })

  it('stores a member’s scopes, replaces them, and moves them with a merge', async () => {
    const userId = manager.id
    const s1 = {
      tenantId: t.id,
      userId,
      id: uuid(),
      createdAt: AT,
      kind: 'node' as const,
      nodeId: c01.id,
      subtree: true,
    }
    const s2 = { tenantId: t.id, userId, id: uuid(), createdAt: AT, kind: 'own' as const }
    await store.transaction((tx) => tx.scopes.replace(t.id, userId, [s1, s2]))
    expect(await store.read((tx) => tx.scopes.list(t.id, userId))).toEqual(expect.arrayContaining([s1, s2]))
    expect(await store.transaction((tx) => tx.scopes.retarget(t.id, c01.id, c02.id))).toBe(1)
    expect((await store.read((tx) => tx.scopes.list(t.id))).find((s) => s.id === s1.id)).toMatchObject({
      nodeId: c02.id,
    })
    // a node a scope names cannot vanish under it
    await expect(store.transaction((tx) => tx.nodes.delete(t.id, c02.id))).rejects.toThrow()
    await store.transaction((tx) => tx.scopes.replace(t.id, userId, []))
    expect(await store.read((tx) => tx.scopes.list(t.id, userId))).toEqual([])
  })

  it('backfills the paths of nodes that have none (the migration of existing trees)', async () => {
    await sql`update class_node set path = null`.execute(db.db)
    await backfillNodePaths(db.db as never)
    const paths = await store.read((tx) =>
      Promise.all([c01, c01001, c010010001, hbbj].map((n) => tx.nodes.pathOf(t.id, n.id))),
    )
    expect(paths).toEqual([
      `/${c01.id}/`,
      `/${c01.id}/${c01001.id}/`,
      `/${c01.id}/${c01001.id}/${c010010001.id}/`,
      `/${hb.id}/${hbbj.id}/`,
    ])
  })
})
