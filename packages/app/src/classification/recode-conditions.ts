import {
  type ClassScheme,
  type Filter,
  type FilterNode,
  type FilterValue,
  filterChildren,
  isCondition,
  normalizeNodeCode,
  type Tx,
} from '@kehu/core'

/** The condition fields that name a scheme's classes: `class` for a built-in scheme, `scheme:VALUE` for a user one. */
export const schemeFields = (scheme: Pick<ClassScheme, 'code' | 'builtin'>): string[] => [
  `scheme:${scheme.code}`,
  ...(scheme.builtin ? [scheme.code] : []),
]

/** A filter with the class codes of `fields` changed by `codes` (old → new); the same object when nothing changes. */
export function recodeFilter(filter: Filter, fields: readonly string[], codes: ReadonlyMap<string, string>): Filter {
  let changed = false
  const swap = (v: FilterValue | undefined): FilterValue | undefined => {
    if (typeof v === 'string') {
      const to = codes.get(normalizeNodeCode(v))
      if (to === undefined) return v
      changed = true
      return to
    }
    return Array.isArray(v) ? (v.map((x) => swap(x) as typeof x) as FilterValue) : v
  }
  const walk = (n: FilterNode): FilterNode => {
    if (isCondition(n)) return fields.includes(n.field) && n.value !== undefined ? { ...n, value: swap(n.value) } : n
    const children = filterChildren(n).map(walk)
    return 'all' in n ? { all: children } : { any: children }
  }
  const out = walk(filter) as Filter
  return changed ? out : filter
}

/**
 * Keeps automatic rules pointing at the same classes after their codes change (move, merge):
 * every rule of the tenant whose condition names an old code of `scheme` gets the new one.
 * Returns the names of the rules changed.
 */
export async function recodeRuleConditions(
  tx: Tx,
  scheme: ClassScheme,
  codes: ReadonlyMap<string, string>,
  now: string,
): Promise<string[]> {
  if (codes.size === 0) return []
  const fields = schemeFields(scheme)
  const changed: string[] = []
  for (const s of await tx.schemes.list(scheme.tenantId))
    for (const rule of await tx.classRules.list(scheme.tenantId, s.id)) {
      const condition = recodeFilter(rule.condition as Filter, fields, codes)
      if (condition === rule.condition) continue
      await tx.classRules.update({ ...rule, condition, updatedAt: now })
      changed.push(rule.name)
    }
  return changed
}
