import { assertCan, conflict, customersWords, tallyFor, text, visibilityOf } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { loadAttribute } from './internal/attribute-context.js'
import { assertAttributesUnreferenced } from './internal/attribute-references.js'
import { allHeldValues, writeInBatches } from './internal/attribute-writes.js'

/**
 * Removes an attribute. Refused while a code rule or a stored filter names it (force or not), and while
 * customers hold values unless `force`: then the values are removed too (in batches) and the audit event
 * records what each customer held.
 */
export async function deleteAttribute(
  { deps, actor, tenant: tenantCode }: RequestContext,
  code: string,
  opts: { force?: boolean } = {},
): Promise<{ removedValues: number }> {
  assertCan(actor, 'dimension:edit')
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const def = await loadAttribute(tx, tenant.id, code)
    await assertAttributesUnreferenced(tx, tenant.id, [def])
    const held = await allHeldValues(tx, tenant.id, def.code)
    const visible = visibilityOf(actor)
    const tally = tallyFor(visible, held.length)
    if (held.length > 0 && !opts.force) {
      const words = customersWords(tally)
      throw conflict(
        'ATTR_IN_USE',
        text(
          `维度属性「${def.name}」有${words.zh}填写，不能删除（强制删除会一并清除这些值）`,
          `${words.en} hold values of "${def.name}"; it cannot be deleted (forcing removes the values too)`,
        ),
        tally === 'some' ? {} : { count: tally },
      )
    }
    // The values removed that the caller may hear of (docs/decisions/0030-counts-for-scoped-callers.md).
    const removedSeen =
      tally === held.length ? held.length : await tx.attributes.countHeld(tenant.id, visible, def.code)
    const now = deps.clock.now().toISOString()
    await writeInBatches(
      tx,
      tenant.id,
      def.code,
      held.map((h) => ({ customerId: h.customerId, value: null })),
      now,
    )
    if (def.indexed) await tx.attributes.dropIndex(def.code)
    await tx.attributes.delete(tenant.id, def.id)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'attribute.deleted', 'attribute', def.id, {
        before: def,
        removedValues: held.map((h) => ({ customer: h.code, value: h.value })),
      }),
    )
    return { removedValues: removedSeen }
  })
}
