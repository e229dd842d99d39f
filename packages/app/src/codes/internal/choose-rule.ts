import {
  type AttributeDef,
  type CodeRule,
  evaluateFilter,
  type Filter,
  type FilterSubject,
  notFound,
  text,
} from '@kehu/core'

/**
 * Which rule codes a customer (docs/decisions/0014-design-brief.md, A.9): the first conditional rule that matches, in
 * the administrator's order; else the rule of the customer's class (the nearest ancestor that names one); else the
 * tenant's default.
 */
export function chooseRule(
  rules: CodeRule[],
  subject: FilterSubject,
  classRuleId: string | undefined,
  /** The tenant's attributes: number conditions read at the attribute's precision. */
  attributes: readonly AttributeDef[],
): CodeRule {
  const active = rules.filter((r) => r.enabled).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
  const opts = { attributes: [...attributes] }
  for (const r of active) if (r.condition && evaluateFilter(r.condition as Filter, subject, opts)) return r
  const byClass = classRuleId ? active.find((x) => x.id === classRuleId) : undefined
  if (byClass) return byClass
  const d = active.find((r) => r.isDefault && !r.condition) ?? active.find((r) => r.isDefault)
  if (!d) throw notFound('CODE_RULE_NO_DEFAULT', text('本账套没有默认编码规则', 'This tenant has no default code rule'))
  return d
}
