// The upload tables' contract on both databases: chunks back byte for byte, found only once complete, age cleanup.
import type { Store } from '@kehu/core'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore } from './kysely-store.js'
import { aTenantAndUser } from './testing/fixtures.js'
import { createTestDb, type TestDb, testKinds } from './testing/test-db.js'

describe.each(testKinds())('uploads on %s', (kind) => {
  let db: TestDb
  let store: Store
  let tenantId: string
  let userId: string
  beforeAll(async () => {
    db = await createTestDb(kind)
    store = createStore(db)
    ;({ tenantId, userId } = await aTenantAndUser(store))
  })
  afterAll(() => db?.dispose())

  const begin = (createdAt: string) => {
    const id = uuid()
    return store
      .transaction((tx) => tx.uploads.begin({ id, tenantId, name: '客户.xlsx', createdBy: userId, createdAt }))
      .then(() => id)
  }

  it('keeps chunks byte for byte and shows an upload once it is complete', async () => {
    const id = await begin('2026-03-02T00:00:00.000Z')
    const a = new Uint8Array([0, 1, 2, 255, 0x50, 0x4b])
    const big = new Uint8Array(1024 * 1024).fill(7)
    await store.transaction((tx) => tx.uploads.addChunk(tenantId, id, 0, a))
    await store.transaction((tx) => tx.uploads.addChunk(tenantId, id, 1, big))
    expect(await store.read((tx) => tx.uploads.byId(tenantId, id))).toBeUndefined()
    await store.transaction((tx) =>
      tx.uploads.complete(tenantId, id, { size: a.length + big.length, sha256: 'ab', format: 'xlsx' }),
    )
    expect(await store.read((tx) => tx.uploads.byId(tenantId, id))).toEqual({
      id,
      tenantId,
      name: '客户.xlsx',
      size: a.length + big.length,
      sha256: 'ab',
      format: 'xlsx',
      createdBy: userId,
      createdAt: '2026-03-02T00:00:00.000Z',
    })
    expect(Array.from((await store.read((tx) => tx.uploads.chunk(tenantId, id, 0))) ?? [])).toEqual(Array.from(a))
    expect((await store.read((tx) => tx.uploads.chunk(tenantId, id, 1)))?.every((v) => v === 7)).toBe(true)
    expect(await store.read((tx) => tx.uploads.chunk(tenantId, id, 2))).toBeUndefined()
    expect(await store.read((tx) => tx.uploads.byId(tenantId, 'not-a-uuid'))).toBeUndefined()
  })

  it('deletes uploads older than a time, with their chunks', async () => {
    const old = await begin('2026-01-01T00:00:00.000Z')
    const young = await begin('2026-06-01T00:00:00.000Z')
    await store.transaction((tx) => tx.uploads.addChunk(tenantId, old, 0, new Uint8Array([1])))
    expect(await store.transaction((tx) => tx.uploads.deleteBefore(tenantId, '2026-02-01T00:00:00.000Z'))).toBe(1)
    expect(await store.read((tx) => tx.uploads.chunk(tenantId, old, 0))).toBeUndefined()
    await store.transaction((tx) => tx.uploads.delete(tenantId, young))
    expect(await store.transaction((tx) => tx.uploads.deleteBefore(tenantId, '2027-01-01T00:00:00.000Z'))).toBe(1)
  })
})
