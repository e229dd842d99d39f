import type { DimensionType, Filter } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { DimensionTable } from '../schema.js'
import { b, bool, json, num, toJson } from './values.js'

export const dimensionOf = (r: Selectable<DimensionTable>): DimensionType => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description ?? '',
  enabled: bool(r.enabled),
  appliesTo: (json(r.applies_to) ?? null) as Filter | null,
  position: num(r.position),
})

/** The record carries neither its tenant nor timestamps; the caller gives both. */
export const dimensionRow = (tenantId: string, d: DimensionType, now: string): Insertable<DimensionTable> => ({
  tenant_id: tenantId,
  id: d.id,
  code: d.code,
  name: d.name,
  description: d.description,
  enabled: b(d.enabled),
  applies_to: d.appliesTo === null ? null : toJson(d.appliesTo),
  position: d.position,
  created_at: now,
  updated_at: now,
})
