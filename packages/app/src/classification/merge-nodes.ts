import { assertCan, displayName, normalizeNodeCode, parseInput, planMerge } from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { repointCustomers } from './internal/customer-moves.js'
import { requireNode } from './internal/node-lookup.js'
import { recodeRuleConditions } from './internal/recode-conditions.js'
import { Rehearsal, rehearse } from './internal/rehearsal.js'
import { loadScheme } from './internal/scheme-context.js'

export const MergeNodesInput = z.object({
  /** The code of the class that stays. */
  into: z.string().max(100),
})
export type MergeNodesInput = z.infer<typeof MergeNodesInput>

export interface MergeResult {
  source: string
  target: string
  customersMoved: number
  /** Automatic class rules that pointed at the source and now point at the target. */
  rulesRetargeted: number
  /** The stored filters (class rules, code-rule conditions, dimension scopes) that named the source's code. */
  rulesRewritten: string[]
}

/**
 * What merging `code` into `input.into` would do now (customers moved, rules re-pointed and rewritten), found
 * by rehearsing the merge in a transaction that is rolled back; refused exactly as the merge would be.
 */
export function previewMergeNodes(
  ctx: RequestContext,
  schemeCode: string,
  code: string,
  raw: MergeNodesInput,
): Promise<MergeResult> {
  return rehearse(() => mergeNodes(ctx, schemeCode, code, raw, { rehearse: true }))
}

/**
 * Merges `code` into `input.into`: its customers and rules move to the target, its codes (live and old)
 * become aliases of the target, and it is removed.
 */
export async function mergeNodes(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  code: string,
  raw: MergeNodesInput,
  options: { rehearse?: boolean } = {},
): Promise<MergeResult> {
  assertCan(actor, 'class:edit')
  const input = parseInput(MergeNodesInput, raw, 'CLASS_MERGE_INVALID')
  return deps.store.transaction(async (tx) => {
    const { tenant, scheme, nodes } = await loadScheme(tx, tenantCode, schemeCode)
    const source = await requireNode(tx, scheme, code)
    const target = await requireNode(tx, scheme, input.into)
    planMerge(nodes, source.id, target.id, scheme)
    const now = deps.clock.now().toISOString()
    const customersMoved = await repointCustomers(
      tx,
      deps,
      actor,
      tenant.id,
      scheme.code,
      source,
      target,
      'class.merged',
    )
    let rulesRetargeted = 0
    for (const r of await tx.classRules.list(tenant.id, scheme.id))
      if (r.nodeId === source.id) {
        await tx.classRules.update({ ...r, nodeId: target.id, updatedAt: now })
        rulesRetargeted++
      }
    // A member who saw the source's customers sees them in the target (its data scopes follow them).
    const scopesRetargeted = await tx.scopes.retarget(tenant.id, source.id, target.id)
    // Re-point the source's old codes first: deleting a node drops the aliases still pointing at it.
    for (const a of await tx.nodes.aliases(tenant.id, scheme.id))
      if (a.nodeId === source.id) await tx.nodes.insertAlias(tenant.id, scheme.id, a.code, target.id, now)
    await tx.nodes.delete(tenant.id, source.id)
    await tx.nodes.insertAlias(tenant.id, scheme.id, source.code, target.id, now)
    const rulesRecoded = await recodeRuleConditions(
      tx,
      scheme,
      new Map([[normalizeNodeCode(source.code), target.code]]),
      now,
    )
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'class.merged', 'class', target.id, {
        rulesRecoded,
        scheme: scheme.code,
        source: displayName(source),
        sourceId: source.id,
        target: displayName(target),
        customersMoved,
        rulesRetargeted,
        scopesRetargeted,
      }),
    )
    const result = {
      source: source.code,
      target: target.code,
      customersMoved,
      rulesRetargeted,
      rulesRewritten: rulesRecoded,
    }
    if (options.rehearse) throw new Rehearsal(result)
    return result
  })
}
