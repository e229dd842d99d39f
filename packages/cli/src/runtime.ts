import { userInfo } from 'node:os'
import { type ActorContext, type Deps, ensureLocalAdmin, forTenant, type RequestContext } from '@kehu/app'
import { type Actor, fullPinyin, type Lang } from '@kehu/core'
import { createStore, type Db, migrate, openDatabase, systemClock, uuidIds } from '@kehu/storage'

export interface Runtime {
  db: Db
  deps: Deps
  actor: Actor
  /** The acting user, about no tenant yet. */
  base: ActorContext
  /** The acting user's request context for one tenant. */
  ctx(tenant: string): RequestContext
  migrated: string[]
  backup?: string | undefined
  close(): Promise<void>
}

export interface RuntimeOptions {
  dataDir: string
  databaseUrl?: string | undefined
  /** Audit label of the acting user: `admin` for the server, `cli:<os user>` for the CLI. */
  actorLabel?: string
  synchronous?: 'FULL' | 'NORMAL'
  lang?: Lang
}

export const cliActorLabel = () => {
  try {
    return `cli:${userInfo().username}`
  } catch {
    return 'cli:unknown'
  }
}

/** Opens and migrates the database and wires the use cases' dependencies. */
export async function openRuntime(o: RuntimeOptions): Promise<Runtime> {
  const db = await openDatabase({
    databaseUrl: o.databaseUrl,
    dataDir: o.dataDir,
    ...(o.synchronous ? { synchronous: o.synchronous } : {}),
  })
  try {
    const m = await migrate(db)
    const store = createStore(db, { pinyinOf: (c) => fullPinyin(c.shortName || c.name) || null })
    const deps: Deps = { store, clock: systemClock, ids: uuidIds }
    const actor = await ensureLocalAdmin(deps, o.actorLabel ?? 'admin')
    const base: ActorContext = { deps, actor, lang: o.lang ?? 'zh-CN' }
    return {
      db,
      deps,
      actor,
      base,
      ctx: (tenant) => forTenant(base, tenant),
      migrated: m.applied,
      backup: m.backup,
      close: () => db.close(),
    }
  } catch (e) {
    await db.close()
    throw e
  }
}
