import { assertCan, type Customer, normalizeCode, notFound, text, visibilityOf } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { recordShownTo } from './customer-view.js'

export interface CustomerByCode {
  /** Sensitive fields masked for a caller without `customer:sensitive` (listed in `masked`). */
  customer: Customer
  masked: string[]
  /** The code as registered (normalised). */
  matched: string
  /** True when the code is an old code (alias) of the customer, kept after a re-code or a merge. */
  alias: boolean
}

/** The customer holding a code, live or old: `rt001` finds RT001, and an old code still finds its customer. */
export async function getCustomerByCode(
  { deps, actor, tenant: tenantCode }: RequestContext,
  code: string,
): Promise<CustomerByCode> {
  assertCan(actor, 'customer:read')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const norm = normalizeCode(code)
    const entry = norm === '' ? undefined : await tx.codes.find(tenant.id, norm)
    const customer = entry && (await tx.customers.byId(tenant.id, visibilityOf(actor), entry.customerId))
    if (!entry || !customer)
      throw notFound('CUSTOMER_NOT_FOUND', text(`客户编码 ${code} 不存在`, `No customer has the code ${code}`), {
        customerCode: code,
      })
    return { ...recordShownTo(actor, customer), matched: entry.code, alias: entry.kind === 'alias' }
  })
}
