import { assertCan, type ClassScheme, levelMask, printLevels } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'

export interface SchemeSummary {
  code: string
  name: string
  /** `2-3-4`, or null for a flat scheme. */
  levels: string | null
  /** `** *** ****`, or null for a flat scheme. */
  mask: string | null
  leafOnly: boolean
  builtin: boolean
  enabled: boolean
  position: number
  nodeCount: number
}

export const schemeSummary = (s: ClassScheme, nodeCount: number): SchemeSummary => ({
  code: s.code,
  name: s.name,
  levels: s.levels ? printLevels(s.levels) : null,
  mask: s.levels ? levelMask(s.levels) : null,
  leafOnly: s.leafOnly,
  builtin: s.builtin,
  enabled: s.enabled,
  position: s.position,
  nodeCount,
})

/** The tenant's classification schemes in display order, with their level masks and node counts. */
export async function listSchemes({ deps, actor, tenant: tenantCode }: RequestContext): Promise<SchemeSummary[]> {
  assertCan(actor, 'class:read')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const schemes = (await tx.schemes.list(tenant.id)).sort((a, b) => a.position - b.position)
    const out: SchemeSummary[] = []
    for (const s of schemes) out.push(schemeSummary(s, (await tx.nodes.listByScheme(tenant.id, s.id)).length))
    return out
  })
}
