import type { AttributeDef } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { DialectKind } from '../connect.js'
import type { AttributeTable } from '../schema.js'
import { b, bool, json, num, toJson } from './values.js'

/** An attribute row joined with the code of the scheme it refers to. */
export type AttributeRow = Selectable<AttributeTable> & { scheme_code: string | null }

// PostgreSQL hands jsonb back parsed; a default that is a JSON string must not be parsed again.
export const attributeOf = (r: AttributeRow, kind: DialectKind): AttributeDef => ({
  id: r.id,
  dimensionId: r.dimension_id,
  code: r.code,
  name: r.name,
  type: r.type as AttributeDef['type'],
  precision: num(r.precision),
  required: bool(r.required),
  defaultValue: (kind === 'postgresql' ? r.default_value : json(r.default_value)) ?? null,
  constraints: (json(r.constraints) ?? {}) as AttributeDef['constraints'],
  options: (json(r.options) ?? []) as AttributeDef['options'],
  ...(r.scheme_code ? { referenceScheme: r.scheme_code } : {}),
  unique: bool(r.is_unique),
  indexed: bool(r.indexed),
  position: num(r.position),
  enabled: bool(r.enabled),
})

/** The record names its reference scheme by code; the row stores the scheme's id, which the caller looks up. */
export const attributeRow = (
  tenantId: string,
  a: AttributeDef,
  referenceSchemeId: string | null,
  now: string,
): Insertable<AttributeTable> => ({
  tenant_id: tenantId,
  id: a.id,
  dimension_id: a.dimensionId,
  code: a.code,
  name: a.name,
  type: a.type,
  precision: a.precision,
  required: b(a.required),
  default_value: a.defaultValue === null || a.defaultValue === undefined ? null : toJson(a.defaultValue),
  constraints: toJson(a.constraints ?? {}),
  options: toJson(a.options ?? []),
  reference_scheme_id: referenceSchemeId,
  is_unique: b(a.unique),
  indexed: b(a.indexed),
  position: a.position,
  enabled: b(a.enabled),
  created_at: now,
  updated_at: now,
})
