import type { NodeRepo } from '@kehu/core'
import { sql } from 'kysely'
import { nodeOf, nodeRow } from '../rows/node.js'
import { num } from '../rows/values.js'
import { allRows, deleteRow, oneRow, type Q, updateRow } from './query.js'

/** Classification nodes and the aliases that old node codes resolve through. */
export function nodes(q: Q): NodeRepo {
  return {
    listByScheme: (tenantId, schemeId) =>
      allRows(q, 'class_node', { tenant_id: tenantId, scheme_id: schemeId }, ['code'], nodeOf),
    byId: (tenantId, id) => oneRow(q, 'class_node', { tenant_id: tenantId, id }, nodeOf),
    byCode: (tenantId, schemeId, code) =>
      oneRow(q, 'class_node', { tenant_id: tenantId, scheme_id: schemeId, code }, nodeOf),
    insert: async (n) => {
      await q.insertInto('class_node').values(nodeRow(n)).execute()
    },
    update: (n) => updateRow(q, 'class_node', nodeRow(n)),
    delete: async (tenantId, id) => {
      await q.deleteFrom('class_node_alias').where('tenant_id', '=', tenantId).where('node_id', '=', id).execute()
      await deleteRow(q, 'class_node', tenantId, id)
    },
    aliases: async (tenantId, schemeId) =>
      (
        await q
          .selectFrom('class_node_alias')
          .select(['code', 'node_id'])
          .where('tenant_id', '=', tenantId)
          .where('scheme_id', '=', schemeId)
          .execute()
      ).map((r) => ({ code: r.code, nodeId: r.node_id })),
    insertAlias: async (tenantId, schemeId, code, nodeId, now) => {
      await q
        .insertInto('class_node_alias')
        .values({ tenant_id: tenantId, scheme_id: schemeId, code, node_id: nodeId, created_at: now })
        .onConflict((oc) => oc.columns(['tenant_id', 'scheme_id', 'code']).doUpdateSet({ node_id: nodeId }))
        .execute()
    },
    customerCounts: async (tenantId, schemeId) => {
      const rows = await q
        .selectFrom('customer_class')
        .select(['node_id', sql<number>`count(*)`.as('n')])
        .where('tenant_id', '=', tenantId)
        .where('scheme_id', '=', schemeId)
        .groupBy('node_id')
        .execute()
      return new Map(rows.map((r) => [r.node_id, num(r.n)]))
    },
  }
}
