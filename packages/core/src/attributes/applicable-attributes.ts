import { evaluateFilter, type FilterSubject } from '../filter/evaluate-filter.js'
import type { AttributeDef } from './attribute-def.js'
import type { DimensionType } from './dimension-type.js'

/**
 * The codes of the attributes that apply to a customer: those of enabled dimensions whose
 * `appliesTo` is null or matches the customer. Disabled attributes are included (they keep
 * their values); `validateAttributes` refuses new values for them.
 */
export function applicableAttributeCodes(
  dimensions: DimensionType[],
  defs: AttributeDef[],
  subject: FilterSubject,
): Set<string> {
  const dims = new Set(
    dimensions
      .filter((d) => d.enabled && (d.appliesTo === null || evaluateFilter(d.appliesTo, subject, { attributes: defs })))
      .map((d) => d.id),
  )
  return new Set(defs.filter((a) => dims.has(a.dimensionId)).map((a) => a.code))
}
