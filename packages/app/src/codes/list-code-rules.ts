import { assertCan, type CodeRule } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'

/** The tenant's rules in the administrator's order (position, then name). */
export async function listCodeRules({ deps, actor, tenant }: RequestContext): Promise<CodeRule[]> {
  assertCan(actor, 'code-rule:read')
  return deps.store.read(async (tx) => tx.codeRules.list((await resolveTenant(tx, tenant)).id))
}
