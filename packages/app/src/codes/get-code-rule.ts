import { assertCan, type CodeRule, notFound, type Tx, text } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Whether a string can be an id (PostgreSQL refuses to compare a uuid column with anything else). */
export const isUuid = (s: string) => UUID.test(s)

/** A rule of the tenant by name (or id), else not-found naming it. */
export async function ruleByName(tx: Tx, tenantId: string, name: string): Promise<CodeRule> {
  const r =
    (await tx.codeRules.byName(tenantId, name)) ?? (isUuid(name) ? await tx.codeRules.byId(tenantId, name) : undefined)
  if (!r)
    throw notFound('CODE_RULE_NOT_FOUND', text(`编码规则“${name}”不存在`, `There is no code rule "${name}"`), {
      rule: name,
    })
  return r
}

/** One rule by name or id. */
export async function getCodeRule({ deps, actor, tenant }: RequestContext, name: string): Promise<CodeRule> {
  assertCan(actor, 'code-rule:read')
  return deps.store.read(async (tx) => ruleByName(tx, (await resolveTenant(tx, tenant)).id, name))
}
