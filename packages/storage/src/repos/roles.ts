import type { RoleRepo } from '@kehu/core'
import { roleOf, roleRow } from '../rows/identity.js'
import { allRows, oneRow, type Q } from './query.js'

/** A tenant's roles, built-in and custom. */
export function roles(q: Q): RoleRepo {
  return {
    list: (tenantId) => allRows(q, 'role', { tenant_id: tenantId }, ['created_at', 'code'], roleOf),
    byCode: (tenantId, code) => oneRow(q, 'role', { tenant_id: tenantId, code }, roleOf),
    insert: async (r) => {
      await q.insertInto('role').values(roleRow(r)).execute()
    },
    update: async (r) => {
      const { name, permissions } = roleRow(r)
      await q
        .updateTable('role')
        .set({ name, permissions })
        .where('tenant_id', '=', r.tenantId)
        .where('code', '=', r.code)
        .execute()
    },
    delete: async (tenantId, code) => {
      await q.deleteFrom('role').where('tenant_id', '=', tenantId).where('code', '=', code).execute()
    },
  }
}
