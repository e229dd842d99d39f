import { assertCan, type CustomerTally, conflict, EVERY_CUSTOMER, tallyFor, text, visibilityOf } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { loadDimension } from './internal/attribute-context.js'
import { assertAttributesUnreferenced } from './internal/attribute-references.js'

/**
 * Removes a dimension and its attributes; refused while any customer holds a value of one of them, or a code rule
 * or another stored filter names one.
 */
export async function deleteDimension(
  { deps, actor, tenant: tenantCode }: RequestContext,
  code: string,
): Promise<void> {
  assertCan(actor, 'dimension:edit')
  await deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const d = await loadDimension(tx, tenant.id, code)
    const defs = (await tx.attributes.list(tenant.id)).filter((a) => a.dimensionId === d.id)
    await assertAttributesUnreferenced(tx, tenant.id, defs, (h) => h.kind === 'dimension' && h.name === d.code)
    const used: { attribute: string; customers: CustomerTally }[] = []
    for (const a of defs) {
      const n = await tx.attributes.countHeld(tenant.id, EVERY_CUSTOMER, a.code)
      if (n > 0) used.push({ attribute: a.code, customers: tallyFor(visibilityOf(actor), n) })
    }
    // A scoped caller hears which attributes are held, not by how many (docs/decisions/0030-counts-for-scoped-callers.md).
    const listed = used.map((u) => (u.customers === 'some' ? u.attribute : `${u.attribute}: ${u.customers}`))
    if (used.length > 0)
      throw conflict(
        'DIMENSION_IN_USE',
        text(
          `管理维度 ${d.code} 的属性仍有客户填写（${listed.join('，')}），不能删除`,
          `Customers still hold values of the dimension ${d.code} (${listed.join(', ')}); it cannot be deleted`,
        ),
        { used },
      )
    for (const a of defs) {
      if (a.indexed) await tx.attributes.dropIndex(a.code)
      await tx.attributes.delete(tenant.id, a.id)
    }
    await tx.dimensions.delete(tenant.id, d.id)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'dimension.deleted', 'dimension', d.id, {
        before: d,
        attributes: defs.map((a) => a.code),
      }),
    )
  })
}
