import { userInfo } from 'node:os'
import { type Deps, ensureLocalAdmin } from '@kehu/app'
import { type Actor, fullPinyin } from '@kehu/core'
import { createStore, type Db, migrate, openDatabase, systemClock, uuidIds } from '@kehu/storage'

export interface Runtime {
  db: Db
  deps: Deps
  actor: Actor
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
    return { db, deps, actor, migrated: m.applied, backup: m.backup, close: () => db.close() }
  } catch (e) {
    await db.close()
    throw e
  }
}
