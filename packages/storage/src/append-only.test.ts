// The audit and access logs are append-only in the database itself: no update or delete gets through,
// whatever the code above it does.
import type { AccessEvent, AuditEvent, Store } from '@kehu/core'
import { sql } from 'kysely'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore } from './kysely-store.js'
import { aTenant } from './testing/fixtures.js'
import { createTestDb, type TestDb, testKinds } from './testing/test-db.js'

const AT = '2026-03-04T05:06:07.089Z'

const anAuditEvent = (tenantId: string): AuditEvent => ({
  id: uuid(),
  tenantId,
  at: AT,
  actor: 'admin',
  action: 'customer.updated',
  entity: 'customer',
  entityId: uuid(),
  data: { code: 'C1', version: 2, changes: { name: { before: 'a', after: 'b' } } },
  requestId: null,
})

const anAccessEvent = (tenantId: string | null = null): AccessEvent => ({
  id: uuid(),
  at: AT,
  actor: 'alice',
  action: 'sign-in',
  login: 'alice',
  userId: null,
  address: '10.0.0.1',
  tenantId,
  data: {},
})

describe.each(testKinds())('append-only logs on %s', (kind) => {
  let db: TestDb
  let store: Store
  beforeAll(async () => {
    db = await createTestDb(kind)
    store = createStore(db)
  })
  afterAll(() => db?.dispose())

  const refused = /append-only: (UPDATE|DELETE|TRUNCATE) refused/

  it('refuses to update or delete an audit event, and keeps it as it was', async () => {
    const t = aTenant()
    const e = anAuditEvent(t.id)
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.audit.append(e)
    })
    await expect(db.db.updateTable('audit_event').set({ actor: 'mallory' }).execute()).rejects.toThrow(refused)
    await expect(db.db.updateTable('audit_event').set({ data: '{}' }).where('id', '=', e.id).execute()).rejects.toThrow(
      refused,
    )
    await expect(db.db.deleteFrom('audit_event').where('id', '=', e.id).execute()).rejects.toThrow(refused)
    await expect(db.db.deleteFrom('audit_event').execute()).rejects.toThrow(refused)
    if (kind === 'postgresql') await expect(sql`truncate audit_event`.execute(db.db)).rejects.toThrow(refused)
    expect(await store.read((tx) => tx.audit.listFor(t.id, e.entity, e.entityId))).toEqual([e])
  })

  it('refuses to update or delete an access event, and keeps it as it was', async () => {
    const e = anAccessEvent()
    await store.transaction((tx) => tx.accessLog.append(e))
    await expect(db.db.updateTable('access_event').set({ login: 'bob' }).execute()).rejects.toThrow(refused)
    await expect(db.db.deleteFrom('access_event').where('id', '=', e.id).execute()).rejects.toThrow(refused)
    if (kind === 'postgresql') await expect(sql`truncate access_event cascade`.execute(db.db)).rejects.toThrow(refused)
    expect((await store.read((tx) => tx.accessLog.list(100))).find((x) => x.id === e.id)).toEqual(e)
  })

  it('lets a whole tenant go with its log, and nothing else of the log', async () => {
    const [gone, kept] = [aTenant(), aTenant()]
    const [a, b] = [anAuditEvent(gone.id), anAuditEvent(kept.id)]
    const access = anAccessEvent(gone.id)
    await store.transaction(async (tx) => {
      await tx.tenants.insert(gone)
      await tx.tenants.insert(kept)
      await tx.audit.append(a)
      await tx.audit.append(b)
      await tx.accessLog.append(access)
    })
    await store.transaction((tx) => tx.tenants.remove(gone.id))
    expect(await store.read((tx) => tx.audit.listFor(gone.id, a.entity, a.entityId))).toEqual([])
    expect(await store.read((tx) => tx.audit.listFor(kept.id, b.entity, b.entityId))).toEqual([b])
    // the global log outlives the tenant: it says who did what there
    expect((await store.read((tx) => tx.accessLog.list(100))).find((x) => x.id === access.id)).toEqual(access)
  })
})
