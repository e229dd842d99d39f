import type { ClassRule } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { ClassRuleTable } from '../schema.js'
import { b, bool, json, num, toJson } from './values.js'

export const classRuleOf = (r: Selectable<ClassRuleTable>): ClassRule => ({
  id: r.id,
  tenantId: r.tenant_id,
  schemeId: r.scheme_id,
  name: r.name,
  position: num(r.position),
  condition: json(r.condition),
  nodeId: r.node_id,
  enabled: bool(r.enabled),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export const classRuleRow = (r: ClassRule): Insertable<ClassRuleTable> => ({
  tenant_id: r.tenantId,
  id: r.id,
  scheme_id: r.schemeId,
  name: r.name,
  position: r.position,
  condition: toJson(r.condition),
  node_id: r.nodeId,
  enabled: b(r.enabled),
  created_at: r.createdAt,
  updated_at: r.updatedAt,
})
