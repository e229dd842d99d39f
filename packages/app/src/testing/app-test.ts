// Use-case tests run against a real, freshly migrated database (SQLite always, PostgreSQL when
// KEHU_TEST_PG_URL is set): one database per test file, one new tenant per `newTenant()`.
import { type Actor, type AppError, type Clock, isAppError } from '@kehu/core'
import { createStore, type DialectKind, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb } from '@kehu/storage/testing'
import { type ActorContext, forTenant, type RequestContext } from '../context.js'
import type { Deps } from '../deps.js'
import { createTenant } from '../tenancy/create-tenant.js'
import { ensureLocalAdmin } from '../tenancy/local-admin.js'

export interface AppTest {
  db: TestDb
  deps: Deps
  actor: Actor
  /** The test's administrator, about no tenant yet. */
  base: ActorContext
  /** The administrator's request context for one tenant. */
  ctx(tenant: string): RequestContext
  /** Creates a tenant with the built-in schemes and the default rule; returns its code. */
  newTenant(): Promise<string>
  dispose(): Promise<void>
}

export async function setupAppTest(kind: DialectKind, clock: Clock = systemClock): Promise<AppTest> {
  const db = await createTestDb(kind)
  const { fullPinyin } = await import('@kehu/core')
  const deps: Deps = {
    store: createStore(db, { pinyinOf: (c) => fullPinyin(c.shortName || c.name) || null }),
    clock,
    ids: uuidIds,
  }
  const actor = await ensureLocalAdmin(deps, 'test')
  const base: ActorContext = { deps, actor, lang: 'zh-CN' }
  let n = 0
  return {
    db,
    deps,
    actor,
    base,
    ctx: (tenant) => forTenant(base, tenant),
    newTenant: async () => {
      const code = `t${process.pid}x${++n}${Math.random().toString(36).slice(2, 6)}`
      await createTenant(base, { code, name: `测试账套${n}` })
      return code
    },
    dispose: () => db.dispose(),
  }
}

/** A clock that stands still until moved: for dates in codes and rates. */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso)
  return { now: () => new Date(now), set: (v) => (now = new Date(v)) }
}

/** The AppError `p` rejects with; fails the test when it resolves or throws anything else. */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    if (isAppError(e)) return e
    throw e
  }
  throw new Error('expected an AppError')
}
