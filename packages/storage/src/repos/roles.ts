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
  }
}
