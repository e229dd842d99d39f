import type { CodeRule } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { CodeRuleTable } from '../schema.js'
import { b, bool, json, num, toJson } from './values.js'

export const codeRuleOf = (r: Selectable<CodeRuleTable>): CodeRule => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  pattern: r.pattern,
  mode: r.mode as CodeRule['mode'],
  onClash: r.on_clash as CodeRule['onClash'],
  legacyCodes: bool(r.legacy_codes),
  condition: json(r.condition) ?? null,
  position: num(r.position),
  isDefault: bool(r.is_default),
  enabled: bool(r.enabled),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export const codeRuleRow = (r: CodeRule): Insertable<CodeRuleTable> => ({
  tenant_id: r.tenantId,
  id: r.id,
  name: r.name,
  pattern: r.pattern,
  mode: r.mode,
  on_clash: r.onClash,
  legacy_codes: b(r.legacyCodes),
  condition: r.condition === null ? null : toJson(r.condition),
  position: r.position,
  is_default: b(r.isDefault),
  enabled: b(r.enabled),
  created_at: r.createdAt,
  updated_at: r.updatedAt,
})
