import type { Actor, ClassScheme, Customer, Tx } from '@kehu/core'
import { assertStaysVisible } from '../../access/internal/stays-visible.js'
import { auditEvent } from '../../audit/audit-event.js'
import type { Deps } from '../../deps.js'

export interface Reassignment {
  customer: Customer
  nodeId: string
}

/**
 * Puts customers on nodes of one scheme through the versioned customer write (so a stale edit elsewhere
 * is refused rather than silently undoing this), one audit event per customer. Returns the ids written;
 * a customer changed meanwhile is left out.
 */
export async function reassignCustomers(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  scheme: ClassScheme,
  items: readonly Reassignment[],
  via: string,
  codeOf: (nodeId: string | undefined) => string | null,
): Promise<string[]> {
  const now = deps.clock.now().toISOString()
  const done: string[] = []
  for (const { customer: c, nodeId } of items) {
    const before = c.classes[scheme.id]
    if (before === nodeId) continue
    const next: Customer = {
      ...c,
      classes: { ...c.classes, [scheme.id]: nodeId },
      version: c.version + 1,
      updatedAt: now,
      updatedBy: actor.label,
    }
    if (!(await tx.customers.update(next, c.version))) continue
    await tx.audit.append(
      auditEvent(deps, actor, c.tenantId, 'customer.reclassified', 'customer', c.id, {
        scheme: scheme.code,
        before: codeOf(before),
        after: codeOf(nodeId),
        via,
      }),
    )
    done.push(c.id)
  }
  await assertStaysVisible(tx, items[0]?.customer.tenantId ?? '', actor, done)
  return done
}
