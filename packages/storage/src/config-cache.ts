import { sql } from 'kysely'
import type { RepoFactories } from './lazy-tx.js'
import type { Q } from './repos/query.js'

interface Entry {
  version: number
  values: Map<string, unknown>
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v)
    for (const x of Object.values(v)) deepFreeze(x)
  }
  return v
}

/**
 * A tenant's configuration lists (schemes, nodes, automatic rules, code rules, maps, dimensions, attributes)
 * shared by the transactions of one store, valid while `tenant.config_version` is unchanged (ADR 0009).
 * Triggers bump the version in every transaction that writes a configuration table, so a transaction that
 * reads version V sees V's lists or newer ones — never older — whichever process made the change.
 */
export class ConfigCache {
  private readonly entries = new Map<string, Entry>()

  /**
   * `tx` with its configuration lists served from the cache (frozen: callers must copy before changing).
   * `versions` are the config versions of tenants this transaction has already read.
   */
  wrap(q: Q, repos: RepoFactories, versions: Map<string, number>): RepoFactories {
    const cached = async <T>(tenantId: string, key: string, load: () => Promise<T>): Promise<T> => {
      let version = versions.get(tenantId)
      if (version === undefined) {
        const r = await sql<{ v: number }>`select config_version as v from tenant where id = ${tenantId}`.execute(q)
        version = Number(r.rows[0]?.v ?? -1)
        versions.set(tenantId, version)
      }
      let entry = this.entries.get(tenantId)
      if (!entry || entry.version < version) {
        entry = { version, values: new Map() }
        this.entries.set(tenantId, entry)
      }
      // a transaction that read an older version than the cache holds reads for itself
      if (entry.version !== version) return load()
      if (entry.values.has(key)) return entry.values.get(key) as T
      const value = deepFreeze(await load())
      entry.values.set(key, value)
      return value
    }
    return {
      ...repos,
      schemes: () => {
        const r = repos.schemes()
        return { ...r, list: (t) => cached(t, 'schemes', () => r.list(t)) }
      },
      nodes: () => {
        const r = repos.nodes()
        return { ...r, listByScheme: (t, s) => cached(t, `nodes:${s}`, () => r.listByScheme(t, s)) }
      },
      classRules: () => {
        const r = repos.classRules()
        return { ...r, list: (t, s) => cached(t, `classRules:${s}`, () => r.list(t, s)) }
      },
      codeRules: () => {
        const r = repos.codeRules()
        return { ...r, list: (t) => cached(t, 'codeRules', () => r.list(t)) }
      },
      codeMaps: () => {
        const r = repos.codeMaps()
        return { ...r, list: (t) => cached(t, 'codeMaps', () => r.list(t)) }
      },
      dimensions: () => {
        const r = repos.dimensions()
        return { ...r, list: (t) => cached(t, 'dimensions', () => r.list(t)) }
      },
      attributes: () => {
        const r = repos.attributes()
        return { ...r, list: (t) => cached(t, 'attributes', () => r.list(t)) }
      },
    }
  }
}
