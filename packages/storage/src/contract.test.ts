// The storage contract: the same behaviour on SQLite and PostgreSQL, proven by one suite.
import { type AttributeDef, type CodeRule, type DimensionType, EVERY_CUSTOMER, type Store } from '@kehu/core'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore } from './kysely-store.js'
import { aCodeRule, aCustomer, aDimension, anAttribute, aScheme, aTenant } from './testing/fixtures.js'
import { createTestDb, type TestDb, testKinds } from './testing/test-db.js'

const aRule = (tenantId: string, over: Partial<CodeRule> = {}) =>
  aCodeRule(tenantId, { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...over })

describe.each(testKinds())('storage contract on %s', (kind) => {
  let db: TestDb
  let store: Store
  beforeAll(async () => {
    db = await createTestDb(kind)
    store = createStore(db)
  })
  afterAll(() => db?.dispose())

  it('round-trips every value type unchanged', async () => {
    const t = aTenant({ isDefault: true })
    const scheme = aScheme(t.id)
    const c = aCustomer(t.id, {
      creditLimitCents: 9_007_199_254_740_991,
      attributes: {
        LEVEL: 'A',
        SINCE: '2020-02-29',
        VIP: true,
        AMOUNT: 123456,
        TAGS: ['X', 'Y'],
        NOTE: '中文 "quoted"',
      },
      registrationDate: '2024-02-29',
      createdAt: '2026-03-04T05:06:07.089Z',
    })
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.schemes.insert(scheme, t.createdAt)
      await tx.customers.insert(c)
    })
    const back = await store.read((tx) => tx.customers.byId(t.id, EVERY_CUSTOMER, c.id))
    expect(back).toEqual(c)
    const tenant = await store.read((tx) => tx.tenants.byCode(t.code))
    expect(tenant).toEqual(t)
    expect((await store.read((tx) => tx.schemes.byCode(t.id, 'class')))?.levels).toEqual([2, 3, 4])
  })

  it('stamps a scheme with the time the caller gives, and an update keeps its creation time', async () => {
    const t = aTenant()
    const scheme = aScheme(t.id)
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.schemes.insert(scheme, '2026-01-02T03:04:05.006Z')
      await tx.schemes.update({ ...scheme, name: '客户大类' }, '2026-05-06T07:08:09.010Z')
    })
    const row = await db.db
      .selectFrom('class_scheme')
      .select(['name', 'created_at', 'updated_at'])
      .where('tenant_id', '=', t.id)
      .where('id', '=', scheme.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      name: '客户大类',
      created_at: '2026-01-02T03:04:05.006Z',
      updated_at: '2026-05-06T07:08:09.010Z',
    })
  })

  it('orders and filters money as numbers, not text', async () => {
    const t = aTenant()
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      for (const cents of [90_000, 100_000, 5, 1_000_000]) {
        await tx.customers.insert(aCustomer(t.id, { creditLimitCents: cents, name: `客户${cents}` }))
      }
    })
    const page = await store.read((tx) => tx.customers.find(t.id, EVERY_CUSTOMER, { limit: 10, offset: 0 }))
    const sorted = page.items.map((c) => c.creditLimitCents).sort((a, b) => (a as number) - (b as number))
    expect(sorted).toEqual([5, 90_000, 100_000, 1_000_000])
    expect(page.total).toBe(4)
  })

  it('takes counter values in order, and a rolled-back take returns its number', async () => {
    const t = aTenant()
    const rule = aRule(t.id)
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.codeRules.insert(rule)
    })
    const now = '2026-01-01T00:00:00.000Z'
    const a = await store.transaction((tx) => tx.counters.take(t.id, rule.id, 'S', 1, 1, now))
    const b = await store.transaction((tx) => tx.counters.take(t.id, rule.id, 'S', 1, 1, now))
    await expect(
      store.transaction(async (tx) => {
        await tx.counters.take(t.id, rule.id, 'S', 1, 1, now)
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    const c = await store.transaction((tx) => tx.counters.take(t.id, rule.id, 'S', 1, 1, now))
    expect([a, b, c]).toEqual([1, 2, 3])
    const other = await store.transaction((tx) => tx.counters.take(t.id, rule.id, 'T', 10, 5, now))
    const other2 = await store.transaction((tx) => tx.counters.take(t.id, rule.id, 'T', 10, 5, now))
    expect([other, other2]).toEqual([10, 15])
    await store.transaction((tx) => tx.counters.raisePast(t.id, rule.id, 'S', 41, 1, now))
    await store.transaction((tx) => tx.counters.raisePast(t.id, rule.id, 'S', 7, 1, now)) // never lowers
    expect(await store.transaction((tx) => tx.counters.take(t.id, rule.id, 'S', 1, 1, now))).toBe(42)
  })

  it('keeps live codes and aliases in one uniqueness scope enforced by the database', async () => {
    const t = aTenant()
    const c1 = aCustomer(t.id, { code: 'A001' })
    const c2 = aCustomer(t.id, { code: 'A002' })
    const at = '2026-01-01T00:00:00.000Z'
    const entry = (code: string, customerId: string, kind: 'live' | 'alias') => ({
      tenantId: t.id,
      code,
      customerId,
      kind,
      ruleId: null,
      scopeKey: null,
      serial: null,
      createdAt: at,
    })
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.customers.insert(c1)
      await tx.customers.insert(c2)
      expect(await tx.codes.tryInsert(entry('A001', c1.id, 'live'))).toBe(true)
      expect(await tx.codes.tryInsert(entry('OLD-1', c1.id, 'alias'))).toBe(true)
      expect(await tx.codes.tryInsert(entry('OLD-1', c2.id, 'live'))).toBe(false)
      expect(await tx.codes.tryInsert(entry('A001', c2.id, 'alias'))).toBe(false)
      // the statement that found a clash did not abort the transaction (PostgreSQL would otherwise)
      expect(await tx.codes.tryInsert(entry('A002', c2.id, 'live'))).toBe(true)
    })
    expect((await store.read((tx) => tx.codes.find(t.id, 'OLD-1')))?.customerId).toBe(c1.id)
    // a direct insert of a taken code is refused by the database itself
    await expect(
      db.db
        .insertInto('customer_code')
        .values({
          tenant_id: t.id,
          code: 'A001',
          customer_id: c2.id,
          kind: 'alias',
          created_at: at,
          rule_id: null,
          scope_key: null,
          serial: null,
        })
        .execute(),
    ).rejects.toThrow()
  })

  it('keeps tenants apart: the same code in two tenants is fine', async () => {
    const t1 = aTenant()
    const t2 = aTenant()
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t1)
      await tx.tenants.insert(t2)
      await tx.customers.insert(aCustomer(t1.id, { code: 'X1' }))
      await tx.customers.insert(aCustomer(t2.id, { code: 'X1' }))
    })
    expect(await store.read((tx) => tx.customers.count(t1.id, EVERY_CUSTOMER))).toBe(1)
    expect(await store.read((tx) => tx.customers.count(t2.id, EVERY_CUSTOMER))).toBe(1)
  })

  it('refuses a second customer with the same USCC in a tenant', async () => {
    const t = aTenant()
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.customers.insert(aCustomer(t.id, { uscc: '91350100M000100Y43' }))
    })
    await expect(
      store.transaction((tx) => tx.customers.insert(aCustomer(t.id, { uscc: '91350100M000100Y43' }))),
    ).rejects.toThrow()
  })

  it('updates only at the expected version', async () => {
    const t = aTenant()
    const c = aCustomer(t.id)
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.customers.insert(c)
    })
    const ok = await store.transaction((tx) => tx.customers.update({ ...c, name: '新名称', version: 2 }, 1))
    const stale = await store.transaction((tx) => tx.customers.update({ ...c, name: '旧编辑', version: 2 }, 1))
    expect([ok, stale]).toEqual([true, false])
    expect((await store.read((tx) => tx.customers.byId(t.id, EVERY_CUSTOMER, c.id)))?.name).toBe('新名称')
  })

  it('claims an idempotency key once', async () => {
    const t = aTenant()
    await store.transaction((tx) => tx.tenants.insert(t))
    const rec = {
      tenantId: t.id,
      key: 'k1',
      actor: 'a',
      fingerprint: 'f',
      status: 'running' as const,
      response: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
    }
    expect(await store.transaction((tx) => tx.idempotency.claim(rec))).toBeUndefined()
    await store.transaction((tx) => tx.idempotency.complete(t.id, 'k1', { id: 'x' }))
    const again = await store.transaction((tx) => tx.idempotency.claim(rec))
    expect(again?.status).toBe('done')
    expect(again?.response).toEqual({ id: 'x' })
  })

  it('round-trips dimensions and attribute definitions, and back-fills values by code', async () => {
    const t = aTenant()
    const region = aScheme(t.id, { code: 'region', levels: null })
    const c = aCustomer(t.id, { attributes: { OTHER: 1 } })
    const dim: DimensionType = {
      id: uuid(),
      code: 'SALES',
      name: '销售维度',
      description: '说明',
      enabled: true,
      appliesTo: { all: [{ field: 'class', op: 'under', value: '01' }] },
      position: 2,
    }
    const attr: AttributeDef = {
      id: uuid(),
      dimensionId: dim.id,
      code: 'HOME',
      name: '归属地区',
      type: 'reference',
      precision: 0,
      required: false,
      defaultValue: null,
      constraints: {},
      options: [],
      referenceScheme: 'region',
      unique: false,
      indexed: true,
      position: 1,
      enabled: true,
    }
    const level: AttributeDef = {
      ...attr,
      id: uuid(),
      code: 'LEVEL',
      name: '等级',
      type: 'single-choice',
      referenceScheme: undefined,
      required: true,
      defaultValue: 'A',
      constraints: { maxLength: 3 },
      options: [{ code: 'A', label: '甲级', enabled: true }],
    }
    delete level.referenceScheme
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.schemes.insert(region, t.createdAt)
      await tx.customers.insert(c)
      await tx.dimensions.insert(t.id, dim, '2026-01-01T00:00:00.000Z')
      await tx.attributes.insert(t.id, attr, '2026-01-01T00:00:00.000Z')
      await tx.attributes.insert(t.id, level, '2026-01-01T00:00:00.000Z')
      await tx.attributes.ensureIndex('HOME')
      await tx.attributes.ensureIndex('HOME')
    })
    expect(await store.read((tx) => tx.dimensions.byCode(t.id, 'SALES'))).toEqual(dim)
    expect(await store.read((tx) => tx.attributes.list(t.id))).toEqual([attr, level])
    await store.transaction((tx) =>
      tx.attributes.writeValues(t.id, 'LEVEL', [{ customerId: c.id, value: 'A' }], '2026-01-02T00:00:00.000Z'),
    )
    const after = await store.read((tx) => tx.customers.byId(t.id, EVERY_CUSTOMER, c.id))
    expect(after?.attributes).toEqual({ OTHER: 1, LEVEL: 'A' })
    expect(after?.version).toBe(2)
    expect(await store.read((tx) => tx.attributes.heldValues(t.id, EVERY_CUSTOMER, 'LEVEL', null, 10))).toEqual([
      { customerId: c.id, code: c.code, value: 'A' },
    ])
    expect(await store.read((tx) => tx.attributes.countHeld(t.id, EVERY_CUSTOMER, 'HOME'))).toBe(0)
    await store.transaction((tx) =>
      tx.attributes.writeValues(t.id, 'LEVEL', [{ customerId: c.id, value: null }], '2026-01-02T00:00:00.000Z'),
    )
    expect(await store.read((tx) => tx.attributes.countHeld(t.id, EVERY_CUSTOMER, 'LEVEL'))).toBe(0)
    await store.transaction((tx) => tx.attributes.dropIndex('HOME'))
  })

  it('lets the database refuse a second holder of a unique attribute value', async () => {
    const t = aTenant()
    const c1 = aCustomer(t.id)
    const c2 = aCustomer(t.id)
    const dim = aDimension()
    const attr = anAttribute(dim.id, { unique: true })
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.customers.insert(c1)
      await tx.customers.insert(c2)
      await tx.dimensions.insert(t.id, dim, '2026-01-01T00:00:00.000Z')
      await tx.attributes.insert(t.id, attr, '2026-01-01T00:00:00.000Z')
    })
    const first = await store.transaction((tx) => tx.attributes.claimUnique(t.id, attr.id, 'x-1', c1.id))
    const again = await store.transaction((tx) => tx.attributes.claimUnique(t.id, attr.id, 'x-1', c1.id))
    // The clash is reported, and the transaction stays usable afterwards (PostgreSQL too).
    const clash = await store.transaction(async (tx) => {
      const holder = await tx.attributes.claimUnique(t.id, attr.id, 'x-1', c2.id)
      await tx.attributes.claimUnique(t.id, attr.id, 'x-2', c2.id)
      return holder
    })
    expect([first, again, clash]).toEqual([undefined, undefined, c1.id])
    // A plain insert of the same key fails in the database itself.
    await expect(
      db.db
        .insertInto('attribute_unique')
        .values({ tenant_id: t.id, attribute_id: attr.id, value_key: 'x-1', customer_id: c2.id })
        .execute(),
    ).rejects.toThrow()
    await store.transaction((tx) => tx.attributes.releaseUniques(t.id, c1.id))
    expect(await store.transaction((tx) => tx.attributes.claimUnique(t.id, attr.id, 'x-1', c2.id))).toBe(undefined)
    await store.transaction((tx) => tx.attributes.clearUniques(t.id, attr.id))
    await store.transaction((tx) => tx.attributes.delete(t.id, attr.id))
    expect(await store.read((tx) => tx.attributes.byCode(t.id, 'ERP'))).toBeUndefined()
  })
})

describe.each(testKinds())('classification tables on %s', (kind) => {
  it('round-trips schemes, nodes with defaults, aliases, automatic rules and customers on nodes', async () => {
    const db = await createTestDb(kind)
    try {
      const store = createStore(db)
      const t = aTenant()
      const scheme = aScheme(t.id)
      const at = '2026-02-03T04:05:06.007Z'
      const node = (code: string, parentId: string | null, level: number) => ({
        id: uuid(),
        tenantId: t.id,
        schemeId: scheme.id,
        code,
        name: `分类${code}`,
        parentId,
        level,
        enabled: true,
        defaults: {},
        createdAt: at,
        updatedAt: at,
      })
      const top = node('01', null, 1)
      const mid = { ...node('01001', top.id, 2), defaults: { serviceLevel: 'gold' } }
      const leaf = { ...node('010010001', mid.id, 3), enabled: false }
      const rule = {
        id: uuid(),
        tenantId: t.id,
        schemeId: scheme.id,
        name: '高额度',
        position: 1,
        condition: { all: [{ field: 'creditLimitCents', op: 'gte', value: 10_000_000 }] },
        nodeId: leaf.id,
        enabled: true,
        createdAt: at,
        updatedAt: at,
      }
      const c = aCustomer(t.id, { classes: { [scheme.id]: leaf.id } })
      await store.transaction(async (tx) => {
        await tx.tenants.insert(t)
        await tx.schemes.insert(scheme, at)
        for (const n of [top, mid, leaf]) await tx.nodes.insert(n)
        await tx.nodes.insertAlias(t.id, scheme.id, '09009', mid.id, at)
        await tx.classRules.insert(rule)
        await tx.customers.insert(c)
      })
      const back = await store.read(async (tx) => ({
        nodes: await tx.nodes.listByScheme(t.id, scheme.id),
        aliases: await tx.nodes.aliases(t.id, scheme.id),
        rules: await tx.classRules.list(t.id, scheme.id),
        counts: await tx.nodes.customerCounts(t.id, EVERY_CUSTOMER, scheme.id),
        customer: await tx.customers.byId(t.id, EVERY_CUSTOMER, c.id),
      }))
      expect(back.nodes).toEqual([top, mid, leaf])
      expect(back.aliases).toEqual([{ code: '09009', nodeId: mid.id }])
      expect(back.rules).toEqual([rule])
      expect([...back.counts]).toEqual([[leaf.id, 1]])
      expect(back.customer?.classes).toEqual({ [scheme.id]: leaf.id })
      // a node referenced by a customer cannot vanish under it: the database refuses
      await expect(store.transaction((tx) => tx.customers.repointNode(t.id, leaf.id, uuid()))).rejects.toThrow()
      expect(await store.transaction((tx) => tx.customers.repointNode(t.id, leaf.id, mid.id))).toBe(1)
    } finally {
      await db.dispose()
    }
  })
})

describe.each(testKinds())('database errors a person can act on, on %s', (kind) => {
  it('turns a unique key refused by the database into a conflict, not a 500', async () => {
    const db = await createTestDb(kind)
    try {
      const store = createStore(db)
      const t = aTenant()
      await store.transaction((tx) => tx.tenants.insert(t))
      const err = await store.transaction((tx) => tx.tenants.insert({ ...t, id: uuid() })).catch((e) => e)
      expect(err).toMatchObject({ kind: 'conflict', code: 'DUPLICATE_VALUE' })
    } finally {
      await db.dispose()
    }
  })
})
