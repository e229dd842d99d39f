import { assertCan, type CodeRule, parseInput } from '@kehu/core'
import { auditEvent, diff } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { assertRuleAccepted, planRule, UpdateCodeRuleInput } from './code-rule-input.js'
import { startCountersPastIssued } from './counter-starts.js'
import { clearOtherDefaults } from './create-code-rule.js'
import { ruleByName } from './get-code-rule.js'
import { loadCodeContext, storedPattern } from './internal/rule-context.js'

/**
 * Changes a rule (by name or id), re-checked like a new one. Codes it already issued stay as they
 * are; if the pattern changed they are off-rule from now on (the code audit reports them), and the
 * audit event records how many there were. Its counters start past every code the new pattern can print.
 */
export async function updateCodeRule(
  { deps, actor, tenant: tenantCode }: RequestContext,
  name: string,
  raw: UpdateCodeRuleInput,
): Promise<CodeRule> {
  assertCan(actor, 'code-rule:edit')
  const parsed = parseInput(UpdateCodeRuleInput, raw, 'CODE_RULE_INVALID')
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const before = await ruleByName(tx, tenant.id, name)
    const ctx = await loadCodeContext(tx, tenant)
    const { rule, issues } = planRule(ctx, parsed, before, { id: before.id, now: deps.clock.now().toISOString() })
    assertRuleAccepted(issues, rule.name)
    await tx.codeRules.update(rule)
    if (rule.isDefault) await clearOtherDefaults(tx, ctx.rules, rule.id)
    // A changed pattern or scope starts its counters past the codes it can print, so the next create works.
    const p = storedPattern(rule)
    if (rule.enabled && p) await startCountersPastIssued(deps, actor, tx, ctx, rule, p)
    const issued = (await tx.counters.list(tenant.id))
      .filter((c) => c.ruleId === rule.id)
      .reduce((n, c) => n + c.issued, 0)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'codeRule.updated', 'codeRule', rule.id, {
        changes: diff(before, rule, ['updatedAt']),
        ...(before.pattern !== rule.pattern ? { issuedUnderOldPattern: issued } : {}),
      }),
    )
    return rule
  })
}
