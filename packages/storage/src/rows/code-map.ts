import type { CodeMapRecord } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { CodeMapTable } from '../schema.js'
import { json, toJson } from './values.js'

export const codeMapOf = (r: Selectable<CodeMapTable>): CodeMapRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  entries: json(r.entries) as CodeMapRecord['entries'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export const codeMapRow = (m: CodeMapRecord): Insertable<CodeMapTable> => ({
  tenant_id: m.tenantId,
  id: m.id,
  name: m.name,
  entries: toJson(m.entries),
  created_at: m.createdAt,
  updated_at: m.updatedAt,
})
