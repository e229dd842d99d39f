import type { CustomerCode } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { CustomerCodeTable } from '../schema.js'
import { numOrNull } from './values.js'

export const customerCodeOf = (r: Selectable<CustomerCodeTable>): CustomerCode => ({
  tenantId: r.tenant_id,
  code: r.code,
  customerId: r.customer_id,
  kind: r.kind,
  ruleId: r.rule_id,
  scopeKey: r.scope_key,
  serial: numOrNull(r.serial),
  createdAt: r.created_at,
})

export const customerCodeRow = (c: CustomerCode): Insertable<CustomerCodeTable> => ({
  tenant_id: c.tenantId,
  code: c.code,
  customer_id: c.customerId,
  kind: c.kind,
  rule_id: c.ruleId,
  scope_key: c.scopeKey,
  serial: c.serial,
  created_at: c.createdAt,
})
