import type { ClassScheme } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { ClassSchemeTable } from '../schema.js'
import { b, bool, num } from './values.js'

export const schemeOf = (r: Selectable<ClassSchemeTable>): ClassScheme => ({
  id: r.id,
  tenantId: r.tenant_id,
  code: r.code,
  name: r.name,
  levels: r.levels ? r.levels.split('-').map(Number) : null,
  leafOnly: bool(r.leaf_only),
  builtin: bool(r.builtin),
  enabled: bool(r.enabled),
  position: num(r.position),
})

/** The record carries no timestamps, so the caller's `now` stamps the row. */
export const schemeRow = (s: ClassScheme, now: string): Insertable<ClassSchemeTable> => ({
  tenant_id: s.tenantId,
  id: s.id,
  code: s.code,
  name: s.name,
  levels: s.levels ? s.levels.join('-') : null,
  leaf_only: b(s.leafOnly),
  builtin: b(s.builtin),
  enabled: b(s.enabled),
  position: s.position,
  created_at: now,
  updated_at: now,
})
