import { assertCan } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { type CreatedCustomer, createCustomerInTx } from './create-customer.js'
import type { CustomerInput } from './customer-input.js'

/**
 * Creates many customers in one transaction, each through `createCustomerInTx`: all of them or none. The
 * commit is paid once per batch, which is what makes bulk loads fast on SQLite with `synchronous=FULL`
 * (ARCHITECTURE.md: bulk work batches many rows per transaction).
 */
export async function createCustomers(
  ctx: RequestContext,
  inputs: readonly CustomerInput[],
): Promise<CreatedCustomer[]> {
  assertCan(ctx.actor, 'customer:create')
  return ctx.deps.store.transaction(
    async (tx) => {
      const out: CreatedCustomer[] = []
      for (const input of inputs) out.push(await createCustomerInTx(ctx, tx, input))
      return out
    },
    // a create writes no configuration (ADR 0009)
    { cachedConfig: true },
  )
}
