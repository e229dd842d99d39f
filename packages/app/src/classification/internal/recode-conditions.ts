import { type ClassScheme, type Filter, type FilterValue, mapConditions, normalizeNodeCode, type Tx } from '@kehu/core'
import { rewriteTenantFilters } from '../../filters/tenant-filters.js'

/** The condition fields that name a scheme's classes: `class` for a built-in scheme, `scheme:VALUE` for a user one. */
export const schemeFields = (scheme: Pick<ClassScheme, 'code' | 'builtin'>): string[] => [
  `scheme:${scheme.code}`,
  ...(scheme.builtin ? [scheme.code] : []),
]

/** A filter with the class codes of `fields` changed by `codes` (old → new); the same object when nothing changes. */
export function recodeFilter(filter: Filter, fields: readonly string[], codes: ReadonlyMap<string, string>): Filter {
  const swap = (v: FilterValue | undefined): FilterValue | undefined => {
    if (typeof v === 'string') return codes.get(normalizeNodeCode(v)) ?? v
    return Array.isArray(v) ? (v.map((x) => swap(x) as typeof x) as FilterValue) : v
  }
  return mapConditions(filter, (c) => {
    if (!fields.includes(c.field) || c.value === undefined) return c
    const value = swap(c.value)
    return JSON.stringify(value) === JSON.stringify(c.value) ? c : { ...c, value: value as FilterValue }
  })
}

/**
 * Keeps stored filters pointing at the same classes after their codes change (move, merge): every automatic
 * class rule, code-rule condition and dimension scope of the tenant that names an old code of `scheme` gets
 * the new one. Returns the names of the holders changed.
 */
export async function recodeRuleConditions(
  tx: Tx,
  scheme: ClassScheme,
  codes: ReadonlyMap<string, string>,
  now: string,
): Promise<string[]> {
  if (codes.size === 0) return []
  const fields = schemeFields(scheme)
  const changed = await rewriteTenantFilters(tx, scheme.tenantId, (f) => recodeFilter(f, fields, codes), now)
  return changed.map((h) => h.name)
}
