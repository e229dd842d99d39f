import type { Customer, Store, Tx } from '@kehu/core'
import { sql } from 'kysely'
import { ConfigCache } from './config-cache.js'
import type { Db, DialectKind } from './connect.js'
import { translateDbError } from './db-errors.js'
import { lazyTx, type RepoFactories } from './lazy-tx.js'
import { accessLog } from './repos/access-log.js'
import { apiTokens } from './repos/api-tokens.js'
import { attributes } from './repos/attributes.js'
import { audit } from './repos/audit.js'
import { classRules } from './repos/class-rules.js'
import { codeMaps } from './repos/code-maps.js'
import { codeRules } from './repos/code-rules.js'
import { codes } from './repos/codes.js'
import { counters } from './repos/counters.js'
import { customers } from './repos/customers.js'
import { dimensions } from './repos/dimensions.js'
import { idempotency } from './repos/idempotency.js'
import { importMappings } from './repos/import-mappings.js'
import { imports } from './repos/imports.js'
import { jobs } from './repos/jobs.js'
import { memberships } from './repos/memberships.js'
import { nodes } from './repos/nodes.js'
import type { Q } from './repos/query.js'
import { roles } from './repos/roles.js'
import { schemes } from './repos/schemes.js'
import { scopes } from './repos/scopes.js'
import { sessions } from './repos/sessions.js'
import { tenants } from './repos/tenants.js'
import { uploads } from './repos/uploads.js'
import { users } from './repos/users.js'

/** Every repository over one connection or transaction; configuration lists through the cache when given. */
function txOf(q: Q, kind: DialectKind, pinyinOf: (c: Customer) => string | null, config?: ConfigCache): Tx {
  const versions = config && new Map<string, number>()
  let savepoints = 0
  const factories: RepoFactories = {
    tenants: () => tenants(q, versions),
    users: () => users(q),
    sessions: () => sessions(q),
    apiTokens: () => apiTokens(q),
    roles: () => roles(q),
    memberships: () => memberships(q),
    scopes: () => scopes(q),
    accessLog: () => accessLog(q),
    schemes: () => schemes(q),
    nodes: () => nodes(q),
    classRules: () => classRules(q),
    codeRules: () => codeRules(q),
    codeMaps: () => codeMaps(q),
    counters: () => counters(q),
    customers: () => customers(q, kind, pinyinOf),
    codes: () => codes(q),
    audit: () => audit(q, kind),
    idempotency: () => idempotency(q),
    dimensions: () => dimensions(q),
    attributes: () => attributes(q, kind),
    jobs: () => jobs(q, kind),
    importMappings: () => importMappings(q),
    imports: () => imports(q),
    savepoint: () => async (fn) => {
      const name = sql.id(`sp${++savepoints}`)
      await sql`savepoint ${name}`.execute(q)
      try {
        const out = await fn()
        await sql`release savepoint ${name}`.execute(q)
        return out
      } catch (e) {
        await sql`rollback to savepoint ${name}`.execute(q)
        await sql`release savepoint ${name}`.execute(q)
        throw e
      }
    },
    uploads: () => uploads(q),
  }
  return lazyTx(config && versions ? config.wrap(q, factories, versions) : factories)
}

export interface KyselyStoreOptions {
  /** The search key stored beside a customer (full pinyin); given by the composition root. */
  pinyinOf?: (c: Customer) => string | null
}

/** The one Store implementation: the same queries on SQLite and PostgreSQL. */
export function createStore(db: Db, options: KyselyStoreOptions = {}): Store {
  const pinyinOf = options.pinyinOf ?? (() => null)
  const config = new ConfigCache()
  return {
    kind: db.kind,
    transaction: (fn, opts) =>
      db.db
        .transaction()
        .execute((trx) => fn(txOf(trx, db.kind, pinyinOf, opts?.cachedConfig ? config : undefined)))
        .catch((e) => {
          throw translateDbError(e)
        }),
    read: (fn) =>
      fn(txOf(db.db, db.kind, pinyinOf)).catch((e) => {
        throw translateDbError(e)
      }),
    analyze: async () => {
      if (db.kind === 'postgresql') await sql`analyze`.execute(db.db)
    },
  }
}
