import { checkRule, type Issue, invalid, issue, type Tenant, type Tx, text } from '@kehu/core'
import { loadCodeContext, ruleContextOf, storedPattern } from './rule-context.js'

const SOURCES = new Set(['type', 'region', 'industry', 'class'])

/**
 * Re-runs the save-time check of every active rule that prints a field of `schemeCode`, against the tenant as it is
 * now inside `tx` (docs/decisions/0014-design-brief.md, A.3: "re-run when those values change"). Call it after writing
 * a node change and before commit: a change that would let a rule give one code to two customers is refused with every
 * reason, and the transaction rolls back.
 */
export async function assertRulesStillUnique(tx: Tx, tenant: Tenant, schemeCode: string): Promise<void> {
  if (!SOURCES.has(schemeCode)) return
  const using = (await tx.codeRules.list(tenant.id)).flatMap((r) => {
    const p = r.enabled ? storedPattern(r) : null
    return p?.segments.some((s) => s.kind === 'field' && s.ref.source === schemeCode) ? [{ r, p }] : []
  })
  if (using.length === 0) return
  const ctx = await loadCodeContext(tx, tenant)
  const issues: Issue[] = []
  for (const { r, p } of using) {
    for (const x of checkRule(p, ruleContextOf(ctx, r.id)))
      issues.push(
        issue(
          ['rules', r.name, ...x.path],
          x.code,
          text(
            `规则“${r.name}”（${r.pattern}）在此改动后：${x.message.zh}`,
            `Rule "${r.name}" (${r.pattern}) after this change: ${x.message.en}`,
          ),
        ),
      )
  }
  if (issues.length > 0)
    throw invalid(
      'CODE_RULES_WOULD_COLLIDE',
      text(
        '此改动会让编码规则可能重号，未保存；请先修改规则（如加分隔符）',
        'This change would let a code rule give one code twice and was not saved; change the rule first (e.g. add a separator)',
      ),
      issues,
    )
}
