import { assertCan, conflict, EVERY_CUSTOMER, text } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { ruleByName } from './get-code-rule.js'

/** Deletes a rule that never issued a code and is not the default; otherwise refuses (disable it instead). */
export async function deleteCodeRule({ deps, actor, tenant: tenantCode }: RequestContext, name: string): Promise<void> {
  assertCan(actor, 'code-rule:edit')
  await deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const rule = await ruleByName(tx, tenant.id, name)
    if (rule.isDefault)
      throw conflict(
        'CODE_RULE_IS_DEFAULT',
        text(
          '默认规则不能删除：先把另一条规则设为默认',
          'The default rule cannot be deleted: make another rule the default first',
        ),
      )
    const counted = (await tx.counters.list(tenant.id)).some((c) => c.ruleId === rule.id && c.issued > 0)
    const registered = counted || (await tx.codes.listLive(tenant.id, EVERY_CUSTOMER)).some((c) => c.ruleId === rule.id)
    if (registered)
      throw conflict(
        'CODE_RULE_IN_USE',
        text(
          `规则“${rule.name}”已发出编码，不能删除；可以停用它`,
          `The rule "${rule.name}" has issued codes and cannot be deleted; disable it instead`,
        ),
      )
    for (const scheme of await tx.schemes.list(tenant.id))
      for (const n of await tx.nodes.listByScheme(tenant.id, scheme.id))
        if (n.defaults.codeRuleId === rule.id)
          throw conflict(
            'CODE_RULE_IN_USE',
            text(
              `分类“${n.code} ${n.name}”指定了规则“${rule.name}”，不能删除`,
              `The class "${n.code} ${n.name}" names the rule "${rule.name}", so it cannot be deleted`,
            ),
          )
    await tx.codeRules.delete(tenant.id, rule.id)
    await tx.audit.append(auditEvent(deps, actor, tenant.id, 'codeRule.deleted', 'codeRule', rule.id, { before: rule }))
  })
}
