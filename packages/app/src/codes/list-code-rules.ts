import type { CodeRule } from '@kehu/core'
import type { Deps } from '../deps.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'

/** The tenant's rules in the administrator's order (position, then name). */
export async function listCodeRules(deps: Deps, tenantCode: string): Promise<CodeRule[]> {
  return deps.store.read(async (tx) => tx.codeRules.list((await resolveTenant(tx, tenantCode)).id))
}
