import { type Actor, assertCan } from '@kehu/core'
import type { Deps } from '../deps.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { type CustomerDetail, viewCustomers } from './customer-view.js'
import { loadCustomer } from './load-customer.js'

/**
 * One customer by id, code or old code (an alias kept by a re-code or a merge still finds it), with its
 * node codes and names per scheme, its codes and aliases, account manager login and head office.
 */
export async function getCustomer(
  deps: Deps,
  actor: Actor,
  tenantCode: string,
  idOrCode: string,
): Promise<CustomerDetail> {
  assertCan(actor, 'customer:read')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const { customer, matchedAlias } = await loadCustomer(tx, tenant.id, idOrCode)
    const [view] = await viewCustomers(tx, tenant.id, [customer])
    const codes = (await tx.codes.listByCustomer(tenant.id, customer.id)).map((c) => ({
      code: c.code,
      kind: c.kind,
      createdAt: c.createdAt,
    }))
    return { ...view!, codes, ...(matchedAlias ? { matchedAlias } : {}) }
  })
}
