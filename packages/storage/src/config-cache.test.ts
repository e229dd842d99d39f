// The configuration cache (ADR 0009): triggers bump tenant.config_version on every write to a
// configuration table, and a cached transaction never serves lists older than the version it read.
import { sql } from 'kysely'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore } from './kysely-store.js'
import { CONFIG_TABLES } from './migrations/0002-config-version.js'
import { aCodeRule, aCustomer, aDimension, anAttribute, aScheme, aTenant } from './testing/fixtures.js'
import { createTestDb, type TestDb, testKinds } from './testing/test-db.js'

const AT = '2026-02-03T04:05:06.007Z'

describe.each(testKinds())('configuration cache on %s', (kind) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(kind)
  })
  afterAll(() => db?.dispose())

  const versionOf = async (tenantId: string) =>
    Number(
      (await sql<{ v: number }>`select config_version as v from tenant where id = ${tenantId}`.execute(db.db)).rows[0]
        ?.v,
    )

  it('every insert, update and delete on a configuration table bumps the version; customer writes do not', async () => {
    const store = createStore(db)
    const t = aTenant()
    const scheme = aScheme(t.id)
    const node = {
      id: uuid(),
      tenantId: t.id,
      schemeId: scheme.id,
      code: '01',
      name: '批发',
      parentId: null,
      level: 1,
      enabled: true,
      defaults: {},
      createdAt: AT,
      updatedAt: AT,
    }
    const rule = aCodeRule(t.id, { isDefault: true })
    const dim = aDimension()
    const attr = anAttribute(dim.id)
    await store.transaction((tx) => tx.tenants.insert(t))
    const writes: [string, Parameters<typeof store.transaction>[0]][] = [
      ['class_scheme', (tx) => tx.schemes.insert(scheme, AT)],
      ['class_node', (tx) => tx.nodes.insert(node)],
      ['class_node_alias', (tx) => tx.nodes.insertAlias(t.id, scheme.id, '09', node.id, AT)],
      [
        'class_rule',
        (tx) =>
          tx.classRules.insert({
            id: uuid(),
            tenantId: t.id,
            schemeId: scheme.id,
            name: '规则',
            position: 0,
            condition: { all: [] },
            nodeId: node.id,
            enabled: true,
            createdAt: AT,
            updatedAt: AT,
          }),
      ],
      ['code_rule', (tx) => tx.codeRules.insert(rule)],
      [
        'code_map',
        (tx) =>
          tx.codeMaps.insert({
            id: uuid(),
            tenantId: t.id,
            name: '地区简称',
            entries: [{ value: '北京', short: 'BJ' }],
            createdAt: AT,
            updatedAt: AT,
          }),
      ],
      ['dimension', (tx) => tx.dimensions.insert(t.id, dim, AT)],
      ['attribute', (tx) => tx.attributes.insert(t.id, attr, AT)],
    ]
    expect(writes.map(([table]) => table).sort()).toEqual([...CONFIG_TABLES].sort())
    let v = await versionOf(t.id)
    expect(v).toBe(0)
    const bumped = async (what: string) => {
      const now = await versionOf(t.id)
      expect(now, what).toBeGreaterThan(v)
      v = now
    }
    for (const [table, write] of writes) {
      await store.transaction(write)
      await bumped(`insert into ${table}`)
    }
    for (const table of CONFIG_TABLES) {
      await sql`update ${sql.table(table)} set tenant_id = tenant_id where tenant_id = ${t.id}`.execute(db.db)
      await bumped(`update ${table}`)
    }
    await store.transaction(async (tx) => {
      await tx.customers.insert(aCustomer(t.id, { classes: { [scheme.id]: node.id } }))
      await tx.counters.take(t.id, rule.id, '', 1, 1, AT)
    })
    expect(await versionOf(t.id), 'customer and counter writes').toBe(v)
    // children before parents; the customer's own rows go too, without a bump
    const deleteOrder = [
      'attribute',
      'dimension',
      'class_rule',
      'class_node_alias',
      'customer_class',
      'customer',
      'class_node',
      'code_map',
      'code_counter',
      'code_rule',
      'class_scheme',
    ]
    for (const table of deleteOrder) {
      await sql`delete from ${sql.table(table)} where tenant_id = ${t.id}`.execute(db.db)
      if ((CONFIG_TABLES as readonly string[]).includes(table)) await bumped(`delete from ${table}`)
      else expect(await versionOf(t.id), `delete from ${table}`).toBe(v)
    }
    expect(deleteOrder.filter((x) => (CONFIG_TABLES as readonly string[]).includes(x)).sort()).toEqual(
      [...CONFIG_TABLES].sort(),
    )
  })

  it('a tenant can still be deleted with its configuration (the triggers run inside the cascade)', async () => {
    const store = createStore(db)
    const t = aTenant()
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.schemes.insert(aScheme(t.id), AT)
      await tx.codeRules.insert(aCodeRule(t.id, { isDefault: true }))
    })
    expect(await versionOf(t.id)).toBe(2)
    await sql`delete from tenant where id = ${t.id}`.execute(db.db)
    expect((await store.read((tx) => tx.tenants.byId(t.id))) ?? null).toBeNull()
  })

  it('a cached transaction sees a change another store (another process) made, and hands out frozen lists', async () => {
    const mine = createStore(db)
    const other = createStore(db)
    const t = aTenant()
    const rule = aCodeRule(t.id, { isDefault: true })
    await other.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.codeRules.insert(rule)
    })
    const cachedRules = () =>
      mine.transaction(
        async (tx) => {
          await tx.tenants.byCode(t.code)
          return tx.codeRules.list(t.id)
        },
        { cachedConfig: true },
      )
    const first = await cachedRules()
    expect(first.map((r) => r.pattern)).toEqual(['{serial:5}'])
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true)
    expect(await cachedRules()).toBe(first)

    await other.transaction((tx) => tx.codeRules.update({ ...rule, pattern: 'K{serial:3}', updatedAt: AT }))
    expect((await cachedRules()).map((r) => r.pattern)).toEqual(['K{serial:3}'])
    // without the tenant read first, the cache reads the version itself
    await other.transaction((tx) => tx.codeRules.update({ ...rule, pattern: 'M{serial:4}', updatedAt: AT }))
    const direct = await mine.transaction((tx) => tx.codeRules.list(t.id), { cachedConfig: true })
    expect(direct.map((r) => r.pattern)).toEqual(['M{serial:4}'])
    // an uncached transaction reads the database and gets its own objects
    const plain = await mine.transaction((tx) => tx.codeRules.list(t.id))
    expect(Object.isFrozen(plain[0])).toBe(false)
  })
})
