import { assertCan, type CodeRule, parseInput } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { assertRuleAccepted, CodeRuleInput, planRule } from './code-rule-input.js'
import { startCountersPastIssued } from './counter-starts.js'
import { loadCodeContext, storedPattern } from './internal/rule-context.js'

/**
 * Saves a new rule after checking it against the tenant's values and every other active rule; its counters
 * start past the codes already registered that it can print.
 */
export async function createCodeRule(
  { deps, actor, tenant: tenantCode }: RequestContext,
  raw: CodeRuleInput,
): Promise<CodeRule> {
  assertCan(actor, 'code-rule:edit')
  const parsed = parseInput(CodeRuleInput, raw, 'CODE_RULE_INVALID')
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const ctx = await loadCodeContext(tx, tenant)
    const { rule, issues } = planRule(ctx, parsed, undefined, {
      id: deps.ids.next(),
      now: deps.clock.now().toISOString(),
    })
    assertRuleAccepted(issues, rule.name)
    await tx.codeRules.insert(rule)
    if (rule.isDefault) await clearOtherDefaults(tx, ctx.rules, rule.id)
    // Legacy codes the new pattern can print are never issued again.
    const p = storedPattern(rule)
    if (rule.enabled && p) await startCountersPastIssued(deps, actor, tx, ctx, rule, p)
    await tx.audit.append(auditEvent(deps, actor, tenant.id, 'codeRule.created', 'codeRule', rule.id, { after: rule }))
    return rule
  })
}

/** Makes `keepId` the only default rule of the tenant. */
export async function clearOtherDefaults(
  tx: { codeRules: { update(r: CodeRule): Promise<void> } },
  rules: CodeRule[],
  keepId: string,
): Promise<void> {
  for (const r of rules) if (r.isDefault && r.id !== keepId) await tx.codeRules.update({ ...r, isDefault: false })
}
