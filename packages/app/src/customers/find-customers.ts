import { assertCan, parseInput, visibilityOf } from '@kehu/core'
import { z } from 'zod'
import { loadClassIndex } from '../classification/internal/class-index.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { type CustomerView, viewCustomers } from './customer-view.js'
import { resolveCustomerFilter } from './internal/customer-filter.js'

const nodeList = z
  .union([z.string().max(2000), z.array(z.string().max(2000)).max(100)])
  .optional()
  .describe('Node codes (old codes too), comma separated; each matches its whole subtree (本级及下级)')

/** Filters of the customer list; the server's query string and the CLI's flags. */
export const FindCustomersInput = z.object({
  /** Code prefix (old codes too), name or short-name substring, mnemonic prefix, pinyin. */
  q: z.string().max(100).optional(),
  /** `active`, `disabled`, `archived` (comma separated); default: all but archived. */
  status: z.union([z.string().max(2000), z.array(z.string().max(2000)).max(100)]).optional(),
  type: nodeList,
  class: nodeList,
  region: nodeList,
  industry: nodeList,
  /** User-defined schemes: node codes per scheme code. */
  classes: z
    .record(z.string().max(100), z.union([z.string().max(2000), z.array(z.string().max(2000)).max(100)]))
    .optional(),
  /** The same as text for query strings and flags: `SCHEME:NODE[,NODE]`, repeatable. */
  scheme: z
    .union([z.string().max(2000), z.array(z.string().max(2000)).max(100)])
    .optional()
    .describe('User-defined schemes as SCHEME:NODE[,NODE] (with subtrees), repeatable, e.g. VALUE:A1'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
})
export type FindCustomersInput = z.infer<typeof FindCustomersInput>

export interface CustomerList {
  items: CustomerView[]
  total: number
  limit: number
  offset: number
}

/** A filtered page of customers in code order; archived ones only when asked for by status. */
export async function findCustomers(
  { deps, actor, tenant: tenantCode }: RequestContext,
  raw: FindCustomersInput = {},
): Promise<CustomerList> {
  assertCan(actor, 'customer:read')
  const input = parseInput(FindCustomersInput, raw)
  const limit = input.limit ?? 50
  const offset = input.offset ?? 0
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const index = await loadClassIndex(tx, tenant.id)
    const filter = await resolveCustomerFilter(tx, tenant.id, actor, index, input)
    const page = await tx.customers.find(tenant.id, visibilityOf(actor), { ...filter, limit, offset })
    return {
      items: await viewCustomers(tx, tenant.id, actor, page.items, index),
      total: page.total,
      limit,
      offset,
    }
  })
}
