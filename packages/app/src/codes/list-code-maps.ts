import { assertCan, type CodeMapRecord } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'

/** The tenant's map tables by name. */
export async function listCodeMaps({ deps, actor, tenant }: RequestContext): Promise<CodeMapRecord[]> {
  assertCan(actor, 'code-rule:read')
  return deps.store.read(async (tx) => tx.codeMaps.list((await resolveTenant(tx, tenant)).id))
}
