import type { Actor, Tx } from '@kehu/core'
import { EVERY_CUSTOMER, visibilityOf } from '@kehu/core'
import { auditEvent } from '../../audit/audit-event.js'
import type { Deps } from '../../deps.js'

/**
 * Moves every customer of one node to another (merge, delete with moveCustomersTo) and records the
 * change in each customer's history; returns how many moved that the actor sees (every one, unless scoped:
 * docs/decisions/0030-counts-for-scoped-callers.md).
 */
export async function repointCustomers(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  tenantId: string,
  scheme: string,
  from: { id: string; code: string },
  to: { id: string; code: string },
  via: string,
): Promise<number> {
  const ids = await tx.customers.idsOnNodes(tenantId, EVERY_CUSTOMER, [from.id])
  if (ids.length === 0) return 0
  const seen =
    visibilityOf(actor).kind === 'all'
      ? ids.length
      : (await tx.customers.idsOnNodes(tenantId, visibilityOf(actor), [from.id])).length
  await tx.customers.repointNode(tenantId, from.id, to.id)
  for (const id of ids)
    await tx.audit.append(
      auditEvent(deps, actor, tenantId, 'customer.reclassified', 'customer', id, {
        scheme,
        before: from.code,
        after: to.code,
        via,
      }),
    )
  return seen
}
