import type { ClassRule, ClassRuleRepo } from '@kehu/core'
import type { Selectable } from 'kysely'
import { b, bool, json, num, type Q, toJson } from '../rows.js'
import type { Database } from '../schema.js'

const ruleOf = (r: Selectable<Database['class_rule']>): ClassRule => ({
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

/** Automatic classification rules (class_rule), ordered by position then name within a scheme. */
export function classRules(q: Q): ClassRuleRepo {
  const row = (r: ClassRule) => ({
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
  return {
    list: async (tenantId, schemeId) =>
      (
        await q
          .selectFrom('class_rule')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('scheme_id', '=', schemeId)
          .orderBy('position')
          .orderBy('name')
          .execute()
      ).map(ruleOf),
    byId: async (tenantId, id) => {
      const r = await q
        .selectFrom('class_rule')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst()
      return r && ruleOf(r)
    },
    insert: async (r) => {
      await q.insertInto('class_rule').values(row(r)).execute()
    },
    update: async (r) => {
      const { tenant_id, id, created_at: _c, ...rest } = row(r)
      await q.updateTable('class_rule').set(rest).where('tenant_id', '=', tenant_id).where('id', '=', id).execute()
    },
    delete: async (tenantId, id) => {
      await q.deleteFrom('class_rule').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
    },
  }
}
