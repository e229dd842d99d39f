import type { DataScope, ScopeRepo } from '@kehu/core'
import type { Selectable } from 'kysely'
import { b, bool } from '../rows/values.js'
import type { MemberScopeTable } from '../schema.js'
import type { Q } from './query.js'

const scopeOf = (r: Selectable<MemberScopeTable>): DataScope => {
  const base = { tenantId: r.tenant_id, userId: r.user_id, id: r.id, createdAt: r.created_at }
  return r.node_id === null
    ? { ...base, kind: 'own' }
    : { ...base, kind: 'node', nodeId: r.node_id, subtree: bool(r.subtree) }
}

/** The data scopes of the members of a tenant (docs/decisions/0027-data-scopes.md). */
export function scopes(q: Q): ScopeRepo {
  return {
    list: async (tenantId, userId) => {
      let query = q.selectFrom('member_scope').selectAll().where('tenant_id', '=', tenantId)
      if (userId !== undefined) query = query.where('user_id', '=', userId)
      return (await query.orderBy('created_at').orderBy('id').execute()).map(scopeOf)
    },
    replace: async (tenantId, userId, given) => {
      await q.deleteFrom('member_scope').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute()
      if (given.length > 0)
        await q
          .insertInto('member_scope')
          .values(
            given.map((s) => ({
              tenant_id: tenantId,
              id: s.id,
              user_id: userId,
              node_id: s.kind === 'node' ? s.nodeId : null,
              subtree: b(s.kind === 'node' && s.subtree),
              created_at: s.createdAt,
            })),
          )
          .execute()
    },
    retarget: async (tenantId, fromNodeId, toNodeId) => {
      const r = await q
        .updateTable('member_scope')
        .set({ node_id: toNodeId })
        .where('tenant_id', '=', tenantId)
        .where('node_id', '=', fromNodeId)
        .executeTakeFirst()
      return Number(r.numUpdatedRows)
    },
  }
}
