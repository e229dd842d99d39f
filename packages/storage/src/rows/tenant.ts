import type { Tenant } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { TenantTable } from '../schema.js'
import { b, bool } from './values.js'

export const tenantOf = (r: Selectable<TenantTable>): Tenant => ({
  id: r.id,
  code: r.code,
  name: r.name,
  timeZone: r.time_zone,
  isDefault: bool(r.is_default),
  createdAt: r.created_at,
})

export const tenantRow = (t: Tenant): Insertable<TenantTable> => ({
  id: t.id,
  code: t.code,
  name: t.name,
  time_zone: t.timeZone,
  is_default: b(t.isDefault),
  created_at: t.createdAt,
})
