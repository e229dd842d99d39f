import type { CodeRegistry, Visibility } from '@kehu/core'
import { customerCodeOf, customerCodeRow } from '../rows/customer-code.js'
import { allRows, oneRow, type Q } from './query.js'
import { visibleCustomerIds } from './visible.js'

/** The one registry of every code a customer has, live or alias, unique per tenant. */
export function codes(q: Q): CodeRegistry {
  // every code with the name and rule of the customer that holds it
  const withNames = (tenantId: string, visible: Visibility) => {
    const query = q
      .selectFrom('customer_code')
      .innerJoin('customer', (j) =>
        j
          .onRef('customer.tenant_id', '=', 'customer_code.tenant_id')
          .onRef('customer.id', '=', 'customer_code.customer_id'),
      )
      .selectAll('customer_code')
      .select(['customer.name as customer_name', 'customer.code_rule_id as customer_rule_id'])
      .where('customer_code.tenant_id', '=', tenantId)
      .orderBy('customer_code.code')
    const shown = visibleCustomerIds('customer.id', tenantId, visible)
    return shown ? query.where(shown) : query
  }
  return {
    tryInsert: async (c) => {
      // DO NOTHING rather than a failed statement, which would abort a PostgreSQL transaction
      const r = await q
        .insertInto('customer_code')
        .values(customerCodeRow(c))
        .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
        .returning('code')
        .executeTakeFirst()
      return r !== undefined
    },
    find: (tenantId, code) => oneRow(q, 'customer_code', { tenant_id: tenantId, code }, customerCodeOf),
    listByCustomer: (tenantId, customerId) =>
      allRows(q, 'customer_code', { tenant_id: tenantId, customer_id: customerId }, ['created_at'], customerCodeOf),
    makeAlias: async (tenantId, code) => {
      await q
        .updateTable('customer_code')
        .set({ kind: 'alias' })
        .where('tenant_id', '=', tenantId)
        .where('code', '=', code)
        .execute()
    },
    listLive: async (tenantId, visible) =>
      (await withNames(tenantId, visible).where('customer_code.kind', '=', 'live').execute()).map((r) => ({
        ...customerCodeOf(r),
        customerName: r.customer_name,
      })),
    listAll: async (tenantId, visible) =>
      (await withNames(tenantId, visible).execute()).map((r) => ({
        ...customerCodeOf(r),
        customerName: r.customer_name,
        customerRuleId: r.customer_rule_id,
      })),
  }
}
