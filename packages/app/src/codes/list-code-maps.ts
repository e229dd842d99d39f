import type { CodeMapRecord } from '@kehu/core'
import type { Deps } from '../deps.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'

/** The tenant's map tables by name. */
export async function listCodeMaps(deps: Deps, tenantCode: string): Promise<CodeMapRecord[]> {
  return deps.store.read(async (tx) => tx.codeMaps.list((await resolveTenant(tx, tenantCode)).id))
}
