import type { NodeRepo } from '@kehu/core'
import { sql } from 'kysely'
import { nodeOf, nodeRow } from '../rows/node.js'
import { num } from '../rows/values.js'
import { allRows, deleteRow, oneRow, type Q, updateRow } from './query.js'
import { visibleCustomerIds } from './visible.js'

/** Classification nodes and the aliases that old node codes resolve through. */
export function nodes(q: Q): NodeRepo {
  /** The id path of a node under `parentId` (`/root/…/parent/id/`). */
  const pathOf = async (tenantId: string, id: string) => {
    const r = await q
      .selectFrom('class_node')
      .select('path')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst()
    return r?.path ?? `/${id}/`
  }
  const pathUnder = async (tenantId: string, parentId: string | null, id: string) =>
    parentId === null ? `/${id}/` : `${await pathOf(tenantId, parentId)}${id}/`
  return {
    listByScheme: (tenantId, schemeId) =>
      allRows(q, 'class_node', { tenant_id: tenantId, scheme_id: schemeId }, ['code'], nodeOf),
    byId: (tenantId, id) => oneRow(q, 'class_node', { tenant_id: tenantId, id }, nodeOf),
    pathOf,
    byCode: (tenantId, schemeId, code) =>
      oneRow(q, 'class_node', { tenant_id: tenantId, scheme_id: schemeId, code }, nodeOf),
    insert: async (n) => {
      await q
        .insertInto('class_node')
        .values({ ...nodeRow(n), path: await pathUnder(n.tenantId, n.parentId, n.id) })
        .execute()
    },
    update: async (n) => {
      const before = await q
        .selectFrom('class_node')
        .select(['parent_id', 'path'])
        .where('tenant_id', '=', n.tenantId)
        .where('id', '=', n.id)
        .executeTakeFirst()
      await updateRow(q, 'class_node', nodeRow(n))
      if (!before || before.parent_id === n.parentId) return
      // A move: the node and its whole subtree take the new path prefix (data scopes follow the node).
      const oldPath = before.path ?? `/${n.id}/`
      const newPath = await pathUnder(n.tenantId, n.parentId, n.id)
      await q
        .updateTable('class_node')
        .set({ path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})` })
        .where('tenant_id', '=', n.tenantId)
        .where('path', 'like', `${oldPath}%`)
        .execute()
    },
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
    customerCounts: async (tenantId, visible, schemeId) => {
      let query = q
        .selectFrom('customer_class')
        .select(['node_id', sql<number>`count(*)`.as('n')])
        .where('tenant_id', '=', tenantId)
        .where('scheme_id', '=', schemeId)
      const shown = visibleCustomerIds('customer_class.customer_id', tenantId, visible)
      if (shown) query = query.where(shown)
      const rows = await query.groupBy('node_id').execute()
      return new Map(rows.map((r) => [r.node_id, num(r.n)]))
    },
  }
}
