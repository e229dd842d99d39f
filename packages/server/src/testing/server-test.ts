// Server tests: the whole HTTP application in process, on a fresh database with one tenant.
import { createHash } from 'node:crypto'
import { createCustomer, createTenant, type Deps, ensureLocalAdmin, type RequestContext } from '@kehu/app'
import { type Actor, fullPinyin } from '@kehu/core'
import { createStore, type DialectKind, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb } from '@kehu/storage/testing'
import { type AppOptions, createApp } from '../app.js'
import type { KehuApp } from '../context.js'

export interface ServerTest {
  db: TestDb
  deps: Deps
  actor: Actor
  app: KehuApp
  /** The administrator's context for the tenant. */
  ctx: RequestContext
  /** A tenant with the built-in schemes, the default rule and one customer. */
  tenant: string
  /** That customer's code. */
  customer: string
  dispose(): Promise<void>
}

export async function setupServerTest(kind: DialectKind, options: AppOptions = {}): Promise<ServerTest> {
  const db = await createTestDb(kind)
  const deps: Deps = {
    store: createStore(db, { pinyinOf: (c) => fullPinyin(c.shortName || c.name) || null }),
    clock: systemClock,
    ids: uuidIds,
  }
  const actor = await ensureLocalAdmin(deps, 'test')
  const tenant = `edge${Math.random().toString(36).slice(2, 7)}`
  const ctx: RequestContext = { deps, actor, tenant, lang: 'zh-CN' }
  await createTenant(ctx, { code: tenant, name: '边界测试' })
  const created = await createCustomer(ctx, { name: '北京边界科技有限公司' })
  return {
    db,
    deps,
    actor,
    ctx,
    app: createApp({ deps, actor, version: 'test', database: kind }, options),
    tenant,
    customer: created.customer.code,
    dispose: () => db.dispose(),
  }
}

// Reading the catalogs is most of a fingerprint's cost on PostgreSQL; the tables stay the same.
const tablesOf = new WeakMap<TestDb, string[]>()

/** One line per table: its name and a digest of every row, to prove a request changed nothing. */
export async function fingerprint(db: TestDb): Promise<string> {
  let tables = tablesOf.get(db)
  if (!tables) {
    tables = (await db.db.introspection.getTables()).map((t) => t.name).sort()
    tablesOf.set(db, tables)
  }
  const lines = await Promise.all(
    tables.map(async (table) => {
      // biome-ignore lint/suspicious/noExplicitAny: every table, read generically
      const rows = await (db.db as any).selectFrom(table).selectAll().execute()
      const sorted = rows.map((r: unknown) => JSON.stringify(r)).sort()
      return `${table} ${rows.length} ${hash(sorted.join('\n'))}`
    }),
  )
  return lines.join('\n')
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16)
