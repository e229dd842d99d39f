import type { ClassNode, Tx } from '@kehu/core'
import type { Placement } from './placement.js'

export interface ResolvedClassDefaults {
  accountManagerId?: string
  codeRuleId?: string
  serviceLevel?: string
}

/**
 * Per-class defaults for a new customer on `nodeIds` (in the caller's order of precedence): each field
 * from the nearest node naming one, the node itself first, then its ancestors; the first node wins.
 */
export async function classDefaults(
  tx: Tx,
  tenantId: string,
  nodeIds: readonly string[],
  /** Nodes the caller already holds (e.g. the customer's paths): read from here instead of the database. */
  known: Iterable<ClassNode> = [],
): Promise<ResolvedClassDefaults> {
  const out: ResolvedClassDefaults = {}
  const cache = new Map<string, ClassNode | undefined>([...known].map((n) => [n.id, n]))
  const load = async (id: string) => {
    if (!cache.has(id)) cache.set(id, await tx.nodes.byId(tenantId, id))
    return cache.get(id)
  }
  for (const start of nodeIds) {
    const seen = new Set<string>()
    for (let id: string | null = start; id !== null && !seen.has(id); ) {
      seen.add(id)
      const node = await load(id)
      if (!node) break
      const d = node.defaults ?? {}
      if (out.accountManagerId === undefined && d.accountManagerId) out.accountManagerId = d.accountManagerId
      if (out.codeRuleId === undefined && d.codeRuleId) out.codeRuleId = d.codeRuleId
      if (out.serviceLevel === undefined && d.serviceLevel) out.serviceLevel = d.serviceLevel
      id = node.parentId
    }
  }
  return out
}

/** The defaults of a placed customer: its customer class (and ancestors) first, then its other classes. */
export function placementDefaults(tx: Tx, tenantId: string, placement: Placement): Promise<ResolvedClassDefaults> {
  const classNode = placement.get('class')?.node
  return classDefaults(
    tx,
    tenantId,
    [
      ...(classNode ? [classNode.id] : []),
      ...[...placement.values()].filter((p) => p.node !== classNode).map((p) => p.node.id),
    ],
    [...placement.values()].flatMap((p) => p.path),
  )
}
