import {
  assertAssignable,
  type ClassRule,
  type ClassScheme,
  evaluateFilter,
  type Filter,
  type FilterSubject,
  type Tx,
} from '@kehu/core'

/**
 * The first enabled rule of the scheme whose condition matches and whose target can take customers
 * (enabled, a leaf where the scheme needs one); undefined when none does.
 */
export function firstMatchingRule(
  rules: readonly ClassRule[],
  subject: FilterSubject,
  assignable: (nodeId: string) => boolean,
  opts: Parameters<typeof evaluateFilter>[2] = {},
): ClassRule | undefined {
  return rules.find((r) => r.enabled && assignable(r.nodeId) && evaluateFilter(r.condition as Filter, subject, opts))
}

/**
 * 自动分类 on save: for every scheme the clerk left empty in `chosen` (node id per scheme id), the target of
 * the first matching rule; chosen classes are never overridden. Returns the completed node id per scheme id.
 * `subject` is the customer as a filter sees it (see `filterSubjectOf`).
 */
export async function applyClassRules(
  tx: Tx,
  tenantId: string,
  subject: FilterSubject,
  chosen: Record<string, string>,
  schemes?: ClassScheme[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = { ...chosen }
  let attributes: Awaited<ReturnType<Tx['attributes']['list']>> | undefined
  for (const scheme of schemes ?? (await tx.schemes.list(tenantId))) {
    if (out[scheme.id] || !scheme.enabled) continue
    // Only schemes with rules cost more than one query: creates stay cheap.
    const rules = (await tx.classRules.list(tenantId, scheme.id)).filter((r) => r.enabled)
    if (rules.length === 0) continue
    const nodes = await tx.nodes.listByScheme(tenantId, scheme.id)
    attributes ??= await tx.attributes.list(tenantId)
    const rule = firstMatchingRule(rules, subject, (id) => isAssignable(scheme, nodes, id), { attributes })
    if (rule) out[scheme.id] = rule.nodeId
  }
  return out
}

export function isAssignable(
  scheme: Parameters<typeof assertAssignable>[0],
  nodes: Parameters<typeof assertAssignable>[1],
  nodeId: string,
): boolean {
  try {
    assertAssignable(scheme, nodes, nodeId)
    return true
  } catch {
    return false
  }
}
