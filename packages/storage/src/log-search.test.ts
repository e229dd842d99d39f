// Searching the audit and access logs: newest first, filters, and keyset pages that neither skip nor repeat
// an event, even when many share one instant.
import { type AccessEvent, type AuditEvent, EVERY_CUSTOMER, type LogQuery, type Store } from '@kehu/core'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore } from './kysely-store.js'
import { aTenant } from './testing/fixtures.js'
import { createTestDb, type TestDb, testKinds } from './testing/test-db.js'

// 30 events over 10 instants (three share each), written in shuffled order.
const at = (i: number) => `2026-03-0${1 + Math.floor(i / 10)}T0${i % 10}:00:00.000Z`
const ACTORS = ['alice', 'cli:root as Bob', 'bob_2']

describe.each(testKinds())('log search on %s', (kind) => {
  let db: TestDb
  let store: Store
  const tenant = aTenant()
  const other = aTenant()
  const customerId = uuid()
  let events: AuditEvent[] = []
  let access: AccessEvent[] = []

  beforeAll(async () => {
    db = await createTestDb(kind)
    store = createStore(db)
    events = Array.from({ length: 30 }, (_, i) => ({
      id: uuid(),
      tenantId: tenant.id,
      at: at(Math.floor(i / 3)),
      actor: ACTORS[i % 3] as string,
      action: i % 2 ? 'customer.updated' : 'class.created',
      entity: i % 2 ? 'customer' : 'class',
      entityId: i % 5 === 1 ? customerId : uuid(),
      data: { n: i },
      requestId: null,
    }))
    const anAccess = (tenantId: string | null, i: number): AccessEvent => ({
      id: uuid(),
      at: at(i),
      actor: 'alice',
      action: tenantId ? 'role.granted' : 'sign-in',
      login: 'alice',
      userId: null,
      address: null,
      tenantId,
      data: {},
    })
    access = [anAccess(tenant.id, 1), anAccess(null, 2), anAccess(other.id, 3), anAccess(tenant.id, 4)]
    await store.transaction(async (tx) => {
      await tx.tenants.insert(tenant)
      await tx.tenants.insert(other)
      for (const e of [...events].sort(() => Math.random() - 0.5)) await tx.audit.append(e)
      await tx.audit.append({ ...events[0], id: uuid(), tenantId: other.id } as AuditEvent)
      for (const e of access) await tx.accessLog.append(e)
    })
  })
  afterAll(() => db?.dispose())

  const newestFirst = (list: AuditEvent[]) =>
    [...list].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
  const search = (q: Partial<LogQuery> & { entity?: { entity: string; id: string } }) =>
    store.read((tx) => tx.audit.search(tenant.id, EVERY_CUSTOMER, { limit: 100, ...q }))

  it('pages through every event of the tenant once, newest first, across instants shared by a page break', async () => {
    const seen: AuditEvent[] = []
    let before: LogQuery['before']
    for (;;) {
      const page = await search({ limit: 7, before })
      seen.push(...page)
      const last = page.at(-1)
      if (page.length < 7 || !last) break
      before = { at: last.at, id: last.id }
    }
    expect(seen).toEqual(newestFirst(events))
  })

  it('filters by part of the actor (any case, wildcards literal), kind, time and entity', async () => {
    const ids = (list: AuditEvent[]) => list.map((e) => e.id).sort()
    const where = (f: (e: AuditEvent) => boolean) => ids(events.filter(f))
    expect(ids(await search({ actor: 'BOB' }))).toEqual(where((e) => /bob/i.test(e.actor)))
    expect(ids(await search({ actor: 'b_' }))).toEqual(where((e) => e.actor === 'bob_2'))
    expect(ids(await search({ actions: ['customer.updated'] }))).toEqual(where((e) => e.action === 'customer.updated'))
    expect(await search({ actions: [] })).toEqual([])
    expect(ids(await search({ from: at(2), to: at(5) }))).toEqual(where((e) => e.at >= at(2) && e.at < at(5)))
    expect(ids(await search({ entity: { entity: 'customer', id: customerId } }))).toEqual(
      where((e) => e.entity === 'customer' && e.entityId === customerId),
    )
  })

  it('lists the access events of the tenants asked for, and those of none only when asked', async () => {
    const page = (about: { tenantIds: string[]; global: boolean }, q: Partial<LogQuery> = {}) =>
      store.read((tx) => tx.accessLog.search(about, { limit: 100, ...q }))
    const [mine1, global, , mine2] = access
    expect(await page({ tenantIds: [tenant.id], global: false })).toEqual([mine2, mine1])
    expect(await page({ tenantIds: [tenant.id], global: true })).toEqual([mine2, global, mine1])
    expect(await page({ tenantIds: [], global: false })).toEqual([])
    expect(
      await page(
        { tenantIds: [tenant.id], global: true },
        { limit: 1, before: { at: mine2?.at ?? '', id: mine2?.id ?? '' } },
      ),
    ).toEqual([global])
  })
})
