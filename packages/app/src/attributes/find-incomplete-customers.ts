import { type Actor, assertCan } from '@kehu/core'
import type { Deps } from '../deps.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { loadAttribute } from './attribute-context.js'
import { emptyApplicableCustomers, type IncompleteCustomer } from './attribute-writes.js'

export interface IncompleteCustomers {
  /** Every customer the attribute applies to that holds no value. */
  count: number
  /** The first `limit` of them, in code order. */
  customers: IncompleteCustomer[]
}

/** The customers an attribute applies to that hold no value of it: what a required attribute lists as incomplete. */
export async function findIncompleteCustomers(
  deps: Deps,
  actor: Actor,
  tenantCode: string,
  attributeCode: string,
  opts: { limit?: number } = {},
): Promise<IncompleteCustomers> {
  assertCan(actor, 'customer:read')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const def = await loadAttribute(tx, tenant.id, attributeCode)
    const all = await emptyApplicableCustomers(tx, tenant.id, def, await tx.attributes.list(tenant.id))
    return { count: all.length, customers: all.slice(0, opts.limit ?? 50) }
  })
}
