import { assertCan, type Tenant } from '@kehu/core'
import type { ActorContext } from '../context.js'

/**
 * The tenants (账套) the caller works in: every one for a global administrator, else only those where they
 * hold a role — a tenant one has no role in is not even named (hidden is "not found", never "forbidden").
 */
export async function listTenants({ deps, actor }: ActorContext): Promise<Tenant[]> {
  assertCan(actor, 'tenant:read')
  return deps.store.read(async (tx) => {
    const all = await tx.tenants.list()
    if (actor.isAdmin || actor.permissions === 'all') return all
    const mine = new Set((await tx.memberships.forUser(actor.userId)).map((m) => m.tenantId))
    return all.filter((t) => mine.has(t.id))
  })
}
