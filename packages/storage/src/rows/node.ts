import type { ClassNode } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { ClassNodeTable } from '../schema.js'
import { b, bool, json, num, toJson } from './values.js'

export const nodeOf = (r: Selectable<ClassNodeTable>): ClassNode => ({
  id: r.id,
  tenantId: r.tenant_id,
  schemeId: r.scheme_id,
  code: r.code,
  name: r.name,
  parentId: r.parent_id,
  level: num(r.level),
  enabled: bool(r.enabled),
  defaults: (json(r.defaults) ?? {}) as ClassNode['defaults'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export const nodeRow = (n: ClassNode): Insertable<ClassNodeTable> => ({
  tenant_id: n.tenantId,
  id: n.id,
  scheme_id: n.schemeId,
  code: n.code,
  name: n.name,
  parent_id: n.parentId,
  level: n.level,
  enabled: b(n.enabled),
  defaults: toJson(n.defaults),
  created_at: n.createdAt,
  updated_at: n.updatedAt,
})
