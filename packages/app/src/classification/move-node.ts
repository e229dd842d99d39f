import {
  assertCan,
  displayName,
  EVERY_CUSTOMER,
  type MovePlan,
  normalizeNodeCode,
  parseInput,
  planMove,
  type Tx,
  type Visibility,
  visibilityOf,
} from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import { assertRulesStillUnique } from '../codes/internal/recheck-rules.js'
import type { RequestContext } from '../context.js'
import { requireNode } from './internal/node-lookup.js'
import { recodeRuleConditions } from './internal/recode-conditions.js'
import { Rehearsal, rehearse } from './internal/rehearsal.js'
import { loadScheme, type SchemeContext } from './internal/scheme-context.js'
import { recodeInTx } from './recode-customer.js'

export const MoveNodeInput = z.object({
  /** The new parent's code; null or empty moves the subtree to level 1. */
  newParentCode: z.string().max(100).nullable(),
  /** A free code under the new parent; omitted: the next free one. */
  code: z.string().max(100).nullable().optional(),
  /** Re-code the affected customers' own codes too (they keep the old ones as aliases). */
  recodeCustomers: z.boolean().optional(),
})
export type MoveNodeInput = z.infer<typeof MoveNodeInput>

export interface MovePreview {
  scheme: string
  code: string
  newParentCode: string | null
  /** Every node whose code changes, the moved node first: old → new code. */
  moves: { oldCode: string; newCode: string; name: string; customerCount: number }[]
  /** Customers on the moved subtree; they follow it (their class references do not change). */
  customersAffected: number
  /**
   * With `recodeCustomers`: the customers whose rule prints this scheme and whose codes change (old ones stay as
   * aliases) — after a move the codes they got, in a preview the codes they would get now (nothing reserved).
   */
  customersRecoded?: { from: string; to: string }[]
}

/** `visible`: a scoped caller's plan counts the customers they see (docs/decisions/0030-counts-for-scoped-callers.md). */
async function plan(tx: Tx, ctx: SchemeContext, code: string, input: MoveNodeInput, visible: Visibility) {
  const node = await requireNode(tx, ctx.scheme, code)
  const parentCode = input.newParentCode?.trim() ? input.newParentCode : null
  const parent = parentCode ? await requireNode(tx, ctx.scheme, parentCode) : null
  const aliases = (await tx.nodes.aliases(ctx.tenant.id, ctx.scheme.id)).map((a) => a.code)
  const movePlan: MovePlan = planMove(ctx.scheme, ctx.nodes, node.id, parent?.id ?? null, input.code ?? null, aliases)
  const counts = await tx.nodes.customerCounts(ctx.tenant.id, visible, ctx.scheme.id)
  const byId = new Map(ctx.nodes.map((n) => [n.id, n]))
  const subtreeIds = movePlan.moves.length > 0 ? movePlan.moves.map((m) => m.nodeId) : [node.id]
  const preview: MovePreview = {
    scheme: ctx.scheme.code,
    code: node.code,
    newParentCode: parent?.code ?? null,
    moves: movePlan.moves.map((m) => ({
      oldCode: m.oldCode,
      newCode: m.newCode,
      name: byId.get(m.nodeId)?.name ?? '',
      customerCount: counts.get(m.nodeId) ?? 0,
    })),
    customersAffected: subtreeIds.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0),
  }
  return { node, parent, movePlan, preview }
}

/**
 * What a move would do, without doing it: each old → new code and the customers affected; with
 * `recodeCustomers` also each customer code that changes, found by rehearsing the move in a transaction that
 * is rolled back (so the list is exactly what the move would do now).
 */
export async function previewMoveNode(
  rc: RequestContext,
  schemeCode: string,
  code: string,
  raw: MoveNodeInput,
): Promise<MovePreview> {
  const { deps, actor, tenant: tenantCode } = rc
  assertCan(actor, 'class:edit')
  const input = parseInput(MoveNodeInput, raw, 'CLASS_MOVE_INVALID')
  if (input.recodeCustomers) return rehearse(() => moveNode(rc, schemeCode, code, input, { rehearse: true }))
  return deps.store.read(
    async (tx) =>
      (await plan(tx, await loadScheme(tx, tenantCode, schemeCode), code, input, visibilityOf(actor))).preview,
  )
}

/**
 * Moves a subtree under a new parent: every code in it is re-derived, each old code stays as an alias
 * (so lookups by the old code still work), and customers follow because they reference node ids.
 */
export async function moveNode(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  code: string,
  raw: MoveNodeInput,
  options: { rehearse?: boolean } = {},
): Promise<MovePreview> {
  assertCan(actor, 'class:edit')
  const input = parseInput(MoveNodeInput, raw, 'CLASS_MOVE_INVALID')
  return deps.store.transaction(async (tx) => {
    const ctx = await loadScheme(tx, tenantCode, schemeCode)
    const visible = visibilityOf(actor)
    const { node, parent, movePlan, preview } = await plan(tx, ctx, code, input, visible)
    if (movePlan.moves.length === 0) return preview
    const moved = movePlan.moves.map((m) => m.nodeId)
    // Every customer is re-coded; the answer names only those the caller sees before the move, as its preview did.
    const seen =
      input.recodeCustomers && visible.kind !== 'all'
        ? new Set(await tx.customers.idsOnNodes(ctx.tenant.id, visible, moved))
        : undefined
    const now = deps.clock.now().toISOString()
    const byId = new Map(ctx.nodes.map((n) => [n.id, n]))
    for (const m of movePlan.moves) {
      const n = byId.get(m.nodeId)
      if (!n) continue
      await tx.nodes.update({
        ...n,
        code: m.newCode,
        level: m.newLevel,
        parentId: n.id === node.id ? (parent?.id ?? null) : n.parentId,
        updatedAt: now,
      })
      if (normalizeNodeCode(m.oldCode) !== m.newCode)
        await tx.nodes.insertAlias(ctx.tenant.id, ctx.scheme.id, m.oldCode, n.id, now)
    }
    await assertRulesStillUnique(tx, ctx.tenant, ctx.scheme.code)
    const rulesRecoded = await recodeRuleConditions(
      tx,
      ctx.scheme,
      new Map(movePlan.moves.map((m) => [normalizeNodeCode(m.oldCode), m.newCode])),
      now,
    )
    // Customers' own codes change only when the user chose it, and only where their rule prints this scheme.
    const customersRecoded: { from: string; to: string }[] = []
    if (input.recodeCustomers) {
      const ids = await tx.customers.idsOnNodes(ctx.tenant.id, EVERY_CUSTOMER, moved)
      for (const id of ids) {
        const customer = await tx.customers.byId(ctx.tenant.id, EVERY_CUSTOMER, id)
        if (!customer || customer.status === 'archived') continue
        const r = await recodeInTx(
          deps,
          actor,
          tx,
          ctx.tenant,
          customer,
          { reallocate: true },
          { onlyIfRuleReads: ctx.scheme.code },
        )
        if (r && (seen?.has(id) ?? true)) customersRecoded.push({ from: r.oldCode, to: r.newCode })
      }
    }
    await tx.audit.append(
      auditEvent(deps, actor, ctx.tenant.id, 'class.moved', 'class', node.id, {
        customersRecoded,
        rulesRecoded,
        scheme: ctx.scheme.code,
        from: displayName(node),
        newParent: parent ? displayName(parent) : null,
        moves: preview.moves.map((m) => ({ oldCode: m.oldCode, newCode: m.newCode })),
        customersAffected: preview.customersAffected,
      }),
    )
    const result = input.recodeCustomers ? { ...preview, customersRecoded } : preview
    if (options.rehearse) throw new Rehearsal(result)
    return result
  })
}
