import { assertCan, visibilityOf } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { loadAttribute } from './internal/attribute-context.js'
import { emptyApplicableCustomers, type IncompleteCustomer } from './internal/attribute-writes.js'

export interface IncompleteCustomers {
  /** Every customer the attribute applies to that holds no value. */
  count: number
  /** The first `limit` of them, in code order. */
  customers: IncompleteCustomer[]
}

/** The customers an attribute applies to that hold no value of it: what a required attribute lists as incomplete. */
export async function findIncompleteCustomers(
  { deps, actor, tenant: tenantCode }: RequestContext,
  attributeCode: string,
  opts: { limit?: number } = {},
): Promise<IncompleteCustomers> {
  assertCan(actor, 'customer:read')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const def = await loadAttribute(tx, tenant.id, attributeCode)
    const all = await emptyApplicableCustomers(
      tx,
      tenant.id,
      visibilityOf(actor),
      def,
      await tx.attributes.list(tenant.id),
    )
    return { count: all.length, customers: all.slice(0, opts.limit ?? 50) }
  })
}
