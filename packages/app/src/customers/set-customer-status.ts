import {
  assertCan,
  type Customer,
  type CustomerStatus,
  conflict,
  type Permission,
  text,
  visibilityOf,
} from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { type CustomerDetail, detailOf } from './customer-view.js'
import { loadCustomer, staleVersion } from './internal/load-customer.js'

export interface StatusChangeResult extends CustomerDetail {
  /** False when the customer already had that status (nothing written). */
  changed: boolean
}

const ACTIONS = {
  disable: { to: 'disabled', event: 'customer.disabled', permission: 'customer:edit' },
  enable: { to: 'active', event: 'customer.enabled', permission: 'customer:edit' },
  archive: { to: 'archived', event: 'customer.archived', permission: 'customer:archive' },
  restore: { to: 'active', event: 'customer.restored', permission: 'customer:archive' },
} as const satisfies Record<string, { to: CustomerStatus; event: string; permission: Permission }>

export type StatusAction = keyof typeof ACTIONS

async function changeStatus(
  { deps, actor, tenant: tenantCode }: RequestContext,
  idOrCode: string,
  action: StatusAction,
  expectedVersion?: number,
): Promise<StatusChangeResult> {
  const a = ACTIONS[action]
  assertCan(actor, a.permission)
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const { customer } = await loadCustomer(tx, tenant.id, visibilityOf(actor), idOrCode)
    if (expectedVersion !== undefined && expectedVersion !== customer.version)
      throw staleVersion(customer.version, expectedVersion)
    if (action === 'restore' ? customer.status !== 'archived' : customer.status === a.to)
      return { ...(await detailOf(tx, tenant.id, actor, customer)), changed: false }
    if (customer.status === 'archived' && action !== 'restore')
      throw conflict(
        'CUSTOMER_ARCHIVED',
        text(`客户 ${customer.code} 已归档，请先恢复`, `Customer ${customer.code} is archived; restore it first`),
        { customerCode: customer.code },
      )
    const at = deps.clock.now().toISOString()
    const next: Customer = {
      ...customer,
      status: a.to,
      version: customer.version + 1,
      updatedAt: at,
      updatedBy: actor.label,
    }
    if (!(await tx.customers.update(next, customer.version))) throw staleVersion(customer.version + 1, customer.version)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, a.event, 'customer', customer.id, {
        code: customer.code,
        version: next.version,
        changes: { status: { before: customer.status, after: a.to } },
      }),
    )
    return { ...(await detailOf(tx, tenant.id, actor, next)), changed: true }
  })
}

/** 停用 / 启用: a disabled customer stays in lists and lookups but is marked; audited. */
export const setCustomerStatus = (
  ctx: RequestContext,
  idOrCode: string,
  status: 'active' | 'disabled',
  expectedVersion?: number,
) => changeStatus(ctx, idOrCode, status === 'active' ? 'enable' : 'disable', expectedVersion)

/** 归档 (soft delete): hidden from default lists, still found by code; its USCC and codes stay taken. */
export const archiveCustomer = (ctx: RequestContext, idOrCode: string, expectedVersion?: number) =>
  changeStatus(ctx, idOrCode, 'archive', expectedVersion)

/** Brings an archived customer back as active. */
export const restoreCustomer = (ctx: RequestContext, idOrCode: string, expectedVersion?: number) =>
  changeStatus(ctx, idOrCode, 'restore', expectedVersion)
