import { AppError, PERMISSIONS, type Permission, text } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { type ScopeView, scopeViewsOf } from './members.js'

/** What the signed-in user may do in one tenant: the web shows only the areas and buttons that match. */
export interface Me {
  login: string
  displayName: string
  isAdmin: boolean
  /** Every permission the caller holds in this tenant, in the order of `PERMISSIONS`. */
  permissions: Permission[]
  /** The caller's data scopes in this tenant; none means every customer. */
  scopes: ScopeView[]
}

/**
 * The caller as seen from one tenant. Anyone holding a permission there may ask (no permission of its own,
 * so a custom role without `tenant:read` still learns what it may do); a caller without any is no member.
 */
export async function getMe({ deps, actor, tenant }: RequestContext): Promise<Me> {
  const held = actor.permissions
  const permissions = actor.isAdmin || held === 'all' ? [...PERMISSIONS] : PERMISSIONS.filter((p) => held.has(p))
  return deps.store.read(async (tx) => {
    const t = await resolveTenant(tx, tenant)
    if (permissions.length === 0)
      throw new AppError(
        'forbidden',
        'ACCESS_DENIED',
        text(`您不是账套 ${tenant} 的成员`, `You are not a member of tenant ${tenant}`),
      )
    const user = await tx.users.byId(actor.userId)
    return {
      login: user?.login ?? actor.login,
      displayName: user?.displayName ?? actor.login,
      isAdmin: actor.isAdmin,
      permissions,
      scopes: actor.userId ? await scopeViewsOf(tx, t.id, actor.userId) : [],
    }
  })
}
