import { assertCan, visibilityOf } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { type CustomerDetail, detailOf } from './customer-view.js'
import { loadCustomer } from './internal/load-customer.js'

/**
 * One customer by id, code or old code (an alias kept by a re-code or a merge still finds it), with its
 * node codes and names per scheme, its codes and aliases, account manager login and head office.
 */
export async function getCustomer(
  { deps, actor, tenant: tenantCode }: RequestContext,
  idOrCode: string,
): Promise<CustomerDetail> {
  assertCan(actor, 'customer:read')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const { customer, matchedAlias } = await loadCustomer(tx, tenant.id, visibilityOf(actor), idOrCode)
    const detail = await detailOf(tx, tenant.id, actor, customer)
    return { ...detail, ...(matchedAlias ? { matchedAlias } : {}) }
  })
}
