import type { TenantRepo } from '@kehu/core'
import { type Selectable, sql } from 'kysely'
import { tenantOf, tenantRow } from '../rows/tenant.js'
import { num } from '../rows/values.js'
import type { TenantTable } from '../schema.js'
import { allRows, oneRow, type Q } from './query.js'

/** Tenants; `seen` gets the configuration version of every tenant row read (for the configuration cache). */
export function tenants(q: Q, seen?: Map<string, number>): TenantRepo {
  const of = (r: Selectable<TenantTable>) => {
    seen?.set(r.id, num(r.config_version))
    return tenantOf(r)
  }
  return {
    list: () => allRows(q, 'tenant', {}, ['code'], of),
    byCode: (code) => oneRow(q, 'tenant', { code }, of),
    byId: (id) => oneRow(q, 'tenant', { id }, of),
    insert: async (t) => {
      await q.insertInto('tenant').values(tenantRow(t)).execute()
    },
    setDefault: async (id) => {
      // a comparison is 0/1 on SQLite and a boolean on PostgreSQL: right for both columns
      await q
        .updateTable('tenant')
        .set({ is_default: sql<boolean>`(id = ${id})` })
        .execute()
    },
    remove: async (id) => {
      await q.deleteFrom('tenant').where('id', '=', id).execute()
    },
  }
}
