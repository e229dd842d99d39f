import {
  assertCan,
  type ClassRule,
  type Customer,
  conflict,
  parseInput,
  type Tx,
  text,
  type Visibility,
  visibilityOf,
} from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { firstMatchingRule, isAssignable } from './internal/auto-classify.js'
import { filterSubjectOf, forEachCustomer, loadClassIndex } from './internal/class-index.js'
import { reassignCustomers } from './internal/reassign.js'
import { loadScheme } from './internal/scheme-context.js'

export const ReclassifyInput = z.object({
  /** Apply only if the number of moves is still this (as previewed). */
  expectedCount: z.number().int().nonnegative().optional(),
})
export type ReclassifyInput = z.infer<typeof ReclassifyInput>

export interface ReclassifyMove {
  customerId: string
  code: string
  name: string
  from: string | null
  to: string
  rule: string
}

export interface ReclassifyPreview {
  scheme: string
  /** Customers that would move. */
  count: number
  /** Moves grouped by from → to, most first. */
  transitions: { from: string | null; to: string; count: number }[]
  /** The first 200 moves. */
  moves: ReclassifyMove[]
  /** Enabled rules whose target no longer takes customers (disabled or not a leaf); they are skipped. */
  skippedRules: string[]
}

interface Planned {
  preview: ReclassifyPreview
  items: { customer: Customer; nodeId: string }[]
  codeOf: (id: string | undefined) => string | null
}

async function plan(
  tx: Tx,
  tenantCode: string,
  visible: Visibility,
  schemeCode: string,
): Promise<Planned & { tenantId: string }> {
  const { tenant, scheme, nodes } = await loadScheme(tx, tenantCode, schemeCode)
  const index = await loadClassIndex(tx, tenant.id)
  const attributes = await tx.attributes.list(tenant.id)
  const rules = (await tx.classRules.list(tenant.id, scheme.id)).filter((r) => r.enabled)
  const usable = rules.filter((r) => isAssignable(scheme, nodes, r.nodeId))
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const codeOf = (id: string | undefined) => (id ? (byId.get(id)?.code ?? null) : null)
  const items: Planned['items'] = []
  const moves: ReclassifyMove[] = []
  const transitions = new Map<string, { from: string | null; to: string; count: number }>()
  await forEachCustomer(tx, tenant.id, visible, (c) => {
    // Archived customers are out of circulation: a run does not touch them.
    if (c.status === 'archived') return
    const rule: ClassRule | undefined = firstMatchingRule(usable, filterSubjectOf(c, index), () => true, {
      attributes,
    })
    if (!rule || c.classes[scheme.id] === rule.nodeId) return
    const from = codeOf(c.classes[scheme.id])
    const to = codeOf(rule.nodeId) ?? ''
    items.push({ customer: c, nodeId: rule.nodeId })
    if (moves.length < 200) moves.push({ customerId: c.id, code: c.code, name: c.name, from, to, rule: rule.name })
    const key = `${from ?? ''}\u0000${to}`
    const t = transitions.get(key) ?? { from, to, count: 0 }
    t.count++
    transitions.set(key, t)
  })
  return {
    tenantId: tenant.id,
    items,
    codeOf,
    preview: {
      scheme: scheme.code,
      count: items.length,
      transitions: [...transitions.values()].sort((a, b) => b.count - a.count),
      moves,
      skippedRules: rules.filter((r) => !usable.includes(r)).map((r) => r.name),
    },
  }
}

/** Who a re-classification run would move from where to where (customers the rules match and place elsewhere). */
export async function previewReclassify(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
): Promise<ReclassifyPreview> {
  assertCan(actor, 'customer:edit')
  return deps.store.read(async (tx) => (await plan(tx, tenantCode, visibilityOf(actor), schemeCode)).preview)
}

export const RECLASSIFY_BATCH = 500

/**
 * Applies a re-classification run in batches of 500 customers per transaction, each customer audited.
 * Each batch re-plans, so customers changed since are placed by their present data.
 */
export async function applyReclassify(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  raw: ReclassifyInput = {},
): Promise<ReclassifyPreview & { moved: number }> {
  assertCan(actor, 'customer:edit')
  const input = parseInput(ReclassifyInput, raw, 'CLASS_RECLASSIFY_INVALID')
  const first = await deps.store.read((tx) => plan(tx, tenantCode, visibilityOf(actor), schemeCode))
  if (input.expectedCount !== undefined && input.expectedCount !== first.preview.count)
    throw conflict(
      'CLASS_RECLASSIFY_CHANGED',
      text(
        `预览时有 ${input.expectedCount} 个客户要调整，现在是 ${first.preview.count} 个；请重新预览`,
        `The preview showed ${input.expectedCount} customers to move, now there are ${first.preview.count}; preview again`,
      ),
      { expected: input.expectedCount, actual: first.preview.count },
    )
  let moved = 0
  const pending = new Set(first.items.map((i) => i.customer.id))
  while (pending.size > 0) {
    const n = await deps.store.transaction(async (tx) => {
      const { items, codeOf, tenantId } = await plan(tx, tenantCode, visibilityOf(actor), schemeCode)
      const batch = items.filter((i) => pending.has(i.customer.id)).slice(0, RECLASSIFY_BATCH)
      if (batch.length === 0) {
        pending.clear()
        return 0
      }
      for (const i of batch) pending.delete(i.customer.id)
      const scheme = (await loadScheme(tx, tenantCode, schemeCode)).scheme
      const done = await reassignCustomers(tx, deps, actor, scheme, batch, 'reclassify', codeOf)
      await tx.audit.append(
        auditEvent(deps, actor, tenantId, 'class.reclassified', 'scheme', scheme.id, {
          scheme: scheme.code,
          moved: done.length,
        }),
      )
      return done.length
    })
    moved += n
  }
  return { ...first.preview, moved }
}
