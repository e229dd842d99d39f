import { userInfo } from 'node:os'
import { type ActorContext, type Deps, ensureLocalAdmin, forTenant, type RequestContext, resolveActor } from '@kehu/app'
import { type Actor, AppError, fullPinyin, type Lang, normalizeLogin, text } from '@kehu/core'
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
  /**
   * `--as LOGIN`: act with that user's permissions in `asTenant` (the tenant the command acts on), audited as
   * `cli:<os user> as LOGIN`; without it, the local administrator.
   */
  as?: string | undefined
  asTenant?: (rt: Pick<Runtime, 'deps'>) => Promise<string | undefined>
}

export const cliActorLabel = () => {
  try {
    return `cli:${userInfo().username}`
  } catch {
    return 'cli:unknown'
  }
}

/** The actor of `--as LOGIN`: an unknown or disabled login is refused, not quietly the administrator. */
async function actorOf(deps: Deps, login: string, tenant: string | undefined, label: string): Promise<Actor> {
  const user = await deps.store.read((tx) => tx.users.byLogin(normalizeLogin(login)))
  if (!user?.enabled)
    throw new AppError(
      'invalid',
      'CLI_AS_UNKNOWN',
      text(`--as：没有启用的用户 ${login}`, `--as: there is no enabled user ${login}`),
    )
  return resolveActor(deps, user.id, tenant, label)
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
    const actor =
      o.as === undefined
        ? await ensureLocalAdmin(deps, o.actorLabel ?? 'admin')
        : await actorOf(deps, o.as, await o.asTenant?.({ deps }), `${o.actorLabel ?? cliActorLabel()} as ${o.as}`)
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
