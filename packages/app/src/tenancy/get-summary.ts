import { assertCan, visibilityOf } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from './resolve-tenant.js'

export interface TenantSummary {
  tenant: { code: string; name: string }
  customers: number
  schemes: { code: string; name: string; nodes: number }[]
  codeRules: number
}

/** Counts for the dashboard. */
export async function getSummary({ deps, actor, tenant: tenantCode }: RequestContext): Promise<TenantSummary> {
  assertCan(actor, 'customer:read')
  return deps.store.read(async (tx) => {
    const t = await resolveTenant(tx, tenantCode)
    const schemes = await tx.schemes.list(t.id)
    const withCounts = await Promise.all(
      schemes.map(async (s) => ({
        code: s.code,
        name: s.name,
        nodes: (await tx.nodes.listByScheme(t.id, s.id)).length,
      })),
    )
    return {
      tenant: { code: t.code, name: t.name },
      customers: await tx.customers.count(t.id, visibilityOf(actor)),
      schemes: withCounts,
      codeRules: (await tx.codeRules.list(t.id)).length,
    }
  })
}
