import { AppError, assertCan, conflict, text, visibilityOf } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { auditViewOf, unmaskedViews } from './customer-view.js'
import { loadCustomer, staleVersion } from './internal/load-customer.js'

const REFERENCE_NAMES: Record<string, { zh: string; en: string }> = {
  branches: { zh: '下属公司', en: 'branch customers' },
}

/**
 * Hard delete (administrators only): refused while anything refers to the customer (e.g. branches naming it
 * as head office), with the counts. Removes the customer's classes, codes and unique claims; audited with
 * the whole record, so the history keeps what was deleted.
 */
export async function deleteCustomer(
  { deps, actor, tenant: tenantCode }: RequestContext,
  idOrCode: string,
  expectedVersion?: number,
): Promise<{ id: string; code: string }> {
  assertCan(actor, 'customer:delete')
  if (!actor.isAdmin)
    throw new AppError(
      'forbidden',
      'CUSTOMER_DELETE_ADMIN_ONLY',
      text(
        '只有管理员可以彻底删除客户；其他人请使用归档',
        'Only an administrator may delete a customer; archive it instead',
      ),
    )
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const { customer } = await loadCustomer(tx, tenant.id, visibilityOf(actor), idOrCode)
    if (expectedVersion !== undefined && expectedVersion !== customer.version)
      throw staleVersion(customer.version, expectedVersion)
    const refs = await tx.customers.referencesTo(tenant.id, customer.id)
    const entries = Object.entries(refs).filter(([, n]) => n > 0)
    if (entries.length > 0)
      throw conflict(
        'CUSTOMER_REFERENCED',
        text(
          `客户 ${customer.code} 仍被引用（${entries.map(([k, n]) => `${REFERENCE_NAMES[k]?.zh ?? k} ${n} 个`).join('，')}），不能删除；可以归档`,
          `Customer ${customer.code} is still referenced (${entries.map(([k, n]) => `${n} ${REFERENCE_NAMES[k]?.en ?? k}`).join(', ')}) and cannot be deleted; archive it instead`,
        ),
        { references: refs },
      )
    const [view] = await unmaskedViews(tx, tenant.id, visibilityOf(actor), [customer])
    const codes = await tx.codes.listByCustomer(tenant.id, customer.id)
    await tx.customers.delete(tenant.id, customer.id)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'customer.deleted', 'customer', customer.id, {
        code: customer.code,
        before: auditViewOf(view!),
        codes: codes.map((c) => ({ code: c.code, kind: c.kind })),
      }),
    )
    return { id: customer.id, code: customer.code }
  })
}
