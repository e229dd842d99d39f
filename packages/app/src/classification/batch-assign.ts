import {
  assertAssignable,
  assertCan,
  assertNoIssues,
  type Customer,
  conflict,
  displayName,
  evaluateFilter,
  Filter,
  invalid,
  issue,
  parseInput,
  type Tx,
  text,
  type Visibility,
  validateFilter,
  visibilityOf,
} from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { filterSubjectOf, forEachCustomer, knownFilterFields, loadClassIndex } from './internal/class-index.js'
import { requireNode } from './internal/node-lookup.js'
import { reassignCustomers } from './internal/reassign.js'
import { loadScheme, type SchemeContext } from './internal/scheme-context.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const BatchAssignInput = z.object({
  /** Code (or old code) of the class to assign. */
  node: z.string().max(100),
  /** Selected customers, by id or customer code. */
  customerIds: z.array(z.string().max(100)).max(10000).optional(),
  /** Or every customer matching this filter. */
  filter: Filter.optional(),
  /** Apply only if the count is still this (as previewed). */
  expectedCount: z.number().int().nonnegative().optional(),
})
export type BatchAssignInput = z.infer<typeof BatchAssignInput>

export interface BatchAssignPreview {
  scheme: string
  node: string
  nodeName: string
  /** Customers selected (matching the filter, or the given ones). */
  count: number
  /** Of those, how many are already on the class. */
  alreadyThere: number
  /** Up to 20 of them: code, name and present class code. */
  sample: { code: string; name: string; from: string | null }[]
}

export interface BatchAssignResult extends BatchAssignPreview {
  assigned: number
}

async function select(tx: Tx, ctx: SchemeContext, visible: Visibility, input: BatchAssignInput): Promise<Customer[]> {
  const tenantId = ctx.tenant.id
  if ((input.customerIds === undefined) === (input.filter === undefined))
    throw invalid(
      'CLASS_ASSIGN_TARGET',
      text('请选择客户，或给出筛选条件，二者选一', 'Choose customers or give a filter, one of them'),
      [
        issue(
          ['customerIds'],
          'CLASS_ASSIGN_TARGET',
          text('所选客户与筛选条件二者选一', 'Chosen customers or a filter, not both'),
        ),
      ],
    )
  if (input.customerIds) {
    const out = new Map<string, Customer>()
    const missing: string[] = []
    for (const ref of input.customerIds) {
      // Ids are UUIDs (PostgreSQL refuses anything else as one); everything else is a customer code.
      const byId = UUID.test(ref) ? await tx.customers.byId(tenantId, visible, ref) : undefined
      const code = byId ? undefined : await tx.codes.find(tenantId, ref.normalize('NFKC').trim().toUpperCase())
      const c = byId ?? (code ? await tx.customers.byId(tenantId, visible, code.customerId) : undefined)
      if (c) out.set(c.id, c)
      else missing.push(ref)
    }
    assertNoIssues(
      missing.map((m, i) =>
        issue(['customerIds', i], 'CUSTOMER_NOT_FOUND', text(`客户不存在：${m}`, `No such customer: ${m}`)),
      ),
      'CLASS_ASSIGN_CUSTOMERS_MISSING',
      text(`${missing.length} 个客户不存在`, `${missing.length} customers do not exist`),
    )
    return [...out.values()]
  }
  const filter = input.filter as Filter
  const index = await loadClassIndex(tx, tenantId)
  const known = await knownFilterFields(tx, tenantId, index.schemes)
  assertNoIssues(
    validateFilter(filter, known, ['filter']),
    'FILTER_INVALID',
    text('筛选条件无效', 'The filter is invalid'),
  )
  const out: Customer[] = []
  await forEachCustomer(tx, tenantId, visible, (c) => {
    if (evaluateFilter(filter, filterSubjectOf(c, index), { attributes: known.attributes })) out.push(c)
  })
  return out
}

async function plan(tx: Tx, ctx: SchemeContext, visible: Visibility, input: BatchAssignInput) {
  const node = await requireNode(tx, ctx.scheme, input.node)
  assertAssignable(ctx.scheme, ctx.nodes, node.id)
  const customers = await select(tx, ctx, visible, input)
  const codeOf = (id: string | undefined) => (id ? (ctx.nodes.find((n) => n.id === id)?.code ?? null) : null)
  const preview: BatchAssignPreview = {
    scheme: ctx.scheme.code,
    node: node.code,
    nodeName: node.name,
    count: customers.length,
    alreadyThere: customers.filter((c) => c.classes[ctx.scheme.id] === node.id).length,
    sample: customers.slice(0, 20).map((c) => ({ code: c.code, name: c.name, from: codeOf(c.classes[ctx.scheme.id]) })),
  }
  return { node, customers, preview, codeOf }
}

/** How many customers a batch assignment would put on the class (and a sample), without doing it. */
export async function previewBatchAssign(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  raw: BatchAssignInput,
): Promise<BatchAssignPreview> {
  assertCan(actor, 'customer:edit')
  const input = parseInput(BatchAssignInput, raw, 'CLASS_ASSIGN_INVALID')
  return deps.store.read(
    async (tx) => (await plan(tx, await loadScheme(tx, tenantCode, schemeCode), visibilityOf(actor), input)).preview,
  )
}

/** Puts the selected or matching customers on one class (which must take customers), in one transaction. */
export async function batchAssign(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  raw: BatchAssignInput,
): Promise<BatchAssignResult> {
  assertCan(actor, 'customer:edit')
  const input = parseInput(BatchAssignInput, raw, 'CLASS_ASSIGN_INVALID')
  return deps.store.transaction(async (tx) => {
    const ctx = await loadScheme(tx, tenantCode, schemeCode)
    const { node, customers, preview, codeOf } = await plan(tx, ctx, visibilityOf(actor), input)
    if (input.expectedCount !== undefined && input.expectedCount !== preview.count)
      throw conflict(
        'CLASS_ASSIGN_COUNT_CHANGED',
        text(
          `预览时是 ${input.expectedCount} 个客户，现在是 ${preview.count} 个；请重新预览`,
          `The preview showed ${input.expectedCount} customers, now there are ${preview.count}; preview again`,
        ),
        { expected: input.expectedCount, actual: preview.count },
      )
    const done = await reassignCustomers(
      tx,
      deps,
      actor,
      ctx.scheme,
      customers.map((customer) => ({ customer, nodeId: node.id })),
      'batch',
      codeOf,
    )
    await tx.audit.append(
      auditEvent(deps, actor, ctx.tenant.id, 'class.batchAssigned', 'class', node.id, {
        scheme: ctx.scheme.code,
        node: displayName(node),
        customerIds: done,
        filter: input.filter ?? null,
      }),
    )
    return { ...preview, assigned: done.length }
  })
}
