// The job table's contract on both databases: claims, leases, holders and cancellation.
import type { Job, Store } from '@kehu/core'
import { v7 as uuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore } from './kysely-store.js'
import { aTenant } from './testing/fixtures.js'
import { createTestDb, type TestDb, testKinds } from './testing/test-db.js'

const T0 = '2026-03-01T00:00:00.000Z'
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString()

describe.each(testKinds())('jobs on %s', (kind) => {
  let db: TestDb
  let store: Store
  let tenantId: string
  let userId: string
  let n = 0
  const aJob = (over: Partial<Job> = {}): Job => ({
    id: uuid(),
    tenantId,
    kind: 'test',
    params: { rows: 3, note: '中文' },
    resumeKey: null,
    status: 'queued',
    progress: { done: 0 },
    checkpoint: null,
    result: null,
    error: null,
    attempts: 0,
    leaseOwner: null,
    leaseUntil: null,
    cancelRequested: false,
    createdBy: userId,
    createdByLabel: 'admin',
    createdAt: at(n++),
    startedAt: null,
    finishedAt: null,
    ...over,
  })
  // Each test claims only its own kind, so the tests of one file do not take each other's jobs.
  const ownKind = () => `k${uuid()}`

  beforeAll(async () => {
    db = await createTestDb(kind)
    store = createStore(db)
    const t = aTenant()
    tenantId = t.id
    userId = uuid()
    await store.transaction(async (tx) => {
      await tx.tenants.insert(t)
      await tx.users.insert({
        id: userId,
        login: `u${n}`,
        displayName: 'U',
        isAdmin: false,
        enabled: true,
        createdAt: T0,
      })
    })
  })
  afterAll(() => db?.dispose())

  it('round-trips a job and lists newest first, page by page', async () => {
    const k = ownKind()
    const a = aJob({
      kind: k,
      checkpoint: { row: 7 },
      result: { n: 1 },
      error: { code: 'X', message: { zh: '错', en: 'bad' } },
    })
    const b = aJob({ kind: k, resumeKey: 'sha:1' })
    await store.transaction(async (tx) => {
      await tx.jobs.insert(a)
      await tx.jobs.insert(b)
    })
    expect(await store.read((tx) => tx.jobs.byId(tenantId, a.id))).toEqual(a)
    expect(await store.read((tx) => tx.jobs.byId(tenantId, 'not-a-uuid'))).toBeUndefined()
    const first = await store.read((tx) => tx.jobs.list(tenantId, { kind: k, limit: 1 }))
    expect(first.map((j) => j.id)).toEqual([b.id])
    const next = await store.read((tx) =>
      tx.jobs.list(tenantId, { kind: k, limit: 5, before: { createdAt: b.createdAt, id: b.id } }),
    )
    expect(next.map((j) => j.id)).toEqual([a.id])
    expect(await store.read((tx) => tx.jobs.list(tenantId, { kind: k, status: ['done'], limit: 5 }))).toEqual([])
    expect((await store.read((tx) => tx.jobs.unfinished(tenantId, k, 'sha:1')))?.id).toBe(b.id)
  })

  it('claims the oldest claimable job; its holder alone writes; an ended lease makes it claimable again', async () => {
    const k = ownKind()
    const old = aJob({ kind: k })
    const young = aJob({ kind: k })
    await store.transaction(async (tx) => {
      await tx.jobs.insert(young)
      await tx.jobs.insert(old)
    })
    const claimed = await store.transaction((tx) => tx.jobs.claim([k], 'A', at(100), at(130)))
    expect(claimed).toMatchObject({ id: old.id, status: 'running', leaseOwner: 'A', attempts: 1, startedAt: at(100) })
    expect(await store.transaction((tx) => tx.jobs.claim(['other-kind'], 'B', at(100), at(130)))).toBeUndefined()

    const saved = await store.transaction((tx) =>
      tx.jobs.saveProgress(tenantId, old.id, 'A', {
        progress: { done: 5 },
        leaseUntil: at(140),
        checkpoint: { row: 5 },
      }),
    )
    expect(saved).toEqual({ cancelRequested: false })
    expect(await store.transaction((tx) => tx.jobs.renew(tenantId, old.id, 'B', at(999)))).toBeUndefined()

    // B takes the younger one; the older is held by A until 140.
    expect((await store.transaction((tx) => tx.jobs.claim([k], 'B', at(139), at(170))))?.id).toBe(young.id)
    expect(await store.transaction((tx) => tx.jobs.claim([k], 'C', at(139), at(170)))).toBeUndefined()
    const taken = await store.transaction((tx) => tx.jobs.claim([k], 'C', at(141), at(170)))
    expect(taken).toMatchObject({
      id: old.id,
      leaseOwner: 'C',
      attempts: 2,
      checkpoint: { row: 5 },
      startedAt: at(100),
    })

    // A lost it: nothing it writes lands.
    const lost = await store.transaction((tx) =>
      tx.jobs.saveProgress(tenantId, old.id, 'A', {
        progress: { done: 9 },
        leaseUntil: at(200),
        checkpoint: { row: 9 },
      }),
    )
    expect(lost).toBeUndefined()
    expect(await store.transaction((tx) => tx.jobs.finish(tenantId, old.id, 'A', outcome('done')))).toBe(false)
    expect(await store.transaction((tx) => tx.jobs.finish(tenantId, old.id, 'C', outcome('done')))).toBe(true)
    const done = await store.read((tx) => tx.jobs.byId(tenantId, old.id))
    expect(done).toMatchObject({ status: 'done', result: { ok: true }, leaseOwner: null, finishedAt: at(150) })
    // A finished job is never claimed again; the younger one's lease (B's) ended meanwhile.
    expect((await store.transaction((tx) => tx.jobs.claim([k], 'D', at(9999), at(10000))))?.id).toBe(young.id)
  })

  it('gives a job back, takes one over only from its holder, and cancels queued and running jobs', async () => {
    const k = ownKind()
    const a = aJob({ kind: k })
    const b = aJob({ kind: k })
    await store.transaction(async (tx) => {
      await tx.jobs.insert(a)
      await tx.jobs.insert(b)
    })
    await store.transaction((tx) => tx.jobs.claim([k], 'A', at(1), at(30)))
    expect(await store.transaction((tx) => tx.jobs.release(tenantId, a.id, 'A'))).toBe(true)
    expect(await store.read((tx) => tx.jobs.byId(tenantId, a.id))).toMatchObject({ status: 'queued', leaseOwner: null })

    expect(await store.transaction((tx) => tx.jobs.takeOver(tenantId, a.id, 'X', 'F', at(2), at(40)))).toBeUndefined()
    const mine = await store.transaction((tx) => tx.jobs.takeOver(tenantId, a.id, null, 'F', at(2), at(40)))
    expect(mine).toMatchObject({ status: 'running', leaseOwner: 'F', attempts: 2 })
    expect(await store.transaction((tx) => tx.jobs.takeOver(tenantId, a.id, 'F', 'G', at(3), at(40)))).toMatchObject({
      leaseOwner: 'G',
    })

    expect(await store.transaction((tx) => tx.jobs.requestCancel(tenantId, b.id, at(5)))).toMatchObject({
      status: 'cancelled',
      finishedAt: at(5),
    })
    expect(await store.transaction((tx) => tx.jobs.requestCancel(tenantId, a.id, at(5)))).toMatchObject({
      status: 'running',
      cancelRequested: true,
    })
    expect(await store.transaction((tx) => tx.jobs.renew(tenantId, a.id, 'G', at(60)))).toEqual({
      cancelRequested: true,
    })
  })

  it('never hands one job to two of many runners claiming at once', async () => {
    const k = ownKind()
    const ids = Array.from({ length: 30 }, () => aJob({ kind: k }))
    await store.transaction(async (tx) => {
      for (const j of ids) await tx.jobs.insert(j)
    })
    const got: string[] = []
    const runner = async (owner: string) => {
      for (;;) {
        const j = await store.transaction((tx) => tx.jobs.claim([k], owner, at(1), at(60)))
        if (!j) return
        got.push(j.id)
      }
    }
    await Promise.all(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map(runner))
    expect(got.length).toBe(30)
    expect(new Set(got).size).toBe(30)
  })
})

const outcome = (status: 'done' | 'failed' | 'cancelled') => ({
  status,
  result: { ok: true },
  error: null,
  progress: { done: 3 },
  at: at(150),
})
