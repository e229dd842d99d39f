import { assertCan, can, PERMISSIONS, visibilityOf } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from './resolve-tenant.js'

export interface TenantSummary {
  tenant: { code: string; name: string }
  /** null without customer:read. */
  customers: number | null
  /** Empty without class:read. */
  schemes: { code: string; name: string; nodes: number }[]
  /** null without code-rule:read. */
  codeRules: number | null
}

/** Counts for the dashboard: each for a member who may open its area, so every member's home page shows. */
export async function getSummary({ deps, actor, tenant: tenantCode }: RequestContext): Promise<TenantSummary> {
  // A caller with no permission in the tenant is no member (as for GET /me).
  if (!PERMISSIONS.some((p) => can(actor, p))) assertCan(actor, 'tenant:read')
  return deps.store.read(async (tx) => {
    const t = await resolveTenant(tx, tenantCode)
    const schemes = can(actor, 'class:read') ? await tx.schemes.list(t.id) : []
    const withCounts = await Promise.all(
      schemes.map(async (s) => ({
        code: s.code,
        name: s.name,
        nodes: (await tx.nodes.listByScheme(t.id, s.id)).length,
      })),
    )
    return {
      tenant: { code: t.code, name: t.name },
      customers: can(actor, 'customer:read') ? await tx.customers.count(t.id, visibilityOf(actor)) : null,
      schemes: withCounts,
      codeRules: can(actor, 'code-rule:read') ? (await tx.codeRules.list(t.id)).length : null,
    }
  })
}
