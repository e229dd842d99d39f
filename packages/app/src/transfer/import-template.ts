import { assertCan, pick } from '@kehu/core'
import { loadClassIndex } from '../classification/internal/class-index.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { layoutFor } from './internal/customer-cells.js'

/**
 * The import template's header row in the caller's language: the tenant's template layout (an export without
 * rows), so a filled-in template and an export import the same way.
 */
export async function importTemplate(ctx: RequestContext): Promise<{ headers: string[] }> {
  assertCan(ctx.actor, 'import')
  return ctx.deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, ctx.tenant)
    const layout = await layoutFor(tx, tenant.id, ctx.actor, await loadClassIndex(tx, tenant.id))
    return { headers: layout.columns.map((c) => pick(c.header, ctx.lang)) }
  })
}
