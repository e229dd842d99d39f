import { nodeScopesBySchemeId, type Visibility } from '@kehu/core'
import { type RawBuilder, sql } from 'kysely'

/**
 * The condition that the customer whose id is in `idColumn` is visible (docs/decisions/0027-data-scopes.md),
 * or undefined when every customer is. Node scopes of one scheme are united, schemes and `own` intersect;
 * a subtree is a prefix of the nodes' id paths, so it follows moves without looking at codes.
 */
export function visibleCustomerIds(
  idColumn: string,
  tenantId: string,
  visible: Visibility,
): RawBuilder<boolean> | undefined {
  if (visible.kind === 'all') return undefined
  if (visible.tenantId !== tenantId) return sql<boolean>`1 = 0`
  const id = sql.ref(idColumn)
  const parts: RawBuilder<boolean>[] = []
  for (const [schemeId, scopes] of nodeScopesBySchemeId(visible)) {
    const nodeTests = scopes.map((s) => (s.subtree ? sql`n.path like ${`${s.path}%`}` : sql`n.id = ${s.nodeId}`))
    parts.push(sql<boolean>`${id} in (select cc.customer_id from customer_class cc
      where cc.tenant_id = ${tenantId} and cc.scheme_id = ${schemeId} and cc.node_id in (
        select n.id from class_node n where n.tenant_id = ${tenantId} and (${sql.join(nodeTests, sql` or `)})))`)
  }
  if (visible.ownerId !== null)
    parts.push(sql<boolean>`${id} in (select o.id from customer o
      where o.tenant_id = ${tenantId} and o.account_manager_id = ${visible.ownerId})`)
  // Scoped, yet nothing left to test (no tenant, or its scopes' nodes are gone): nothing is visible.
  if (parts.length === 0) return sql<boolean>`1 = 0`
  return sql<boolean>`(${sql.join(parts, sql` and `)})`
}
