import {
  type Actor,
  AppError,
  EVERY_CUSTOMER,
  type NodeScope,
  type Permission,
  permissionsOf,
  type Tx,
  text,
  type Visibility,
} from '@kehu/core'
import type { Deps } from '../deps.js'
import { tenantNotFound } from '../tenancy/resolve-tenant.js'

export const signInRequired = () =>
  new AppError('unauthenticated', 'SIGN_IN_REQUIRED', text('请先登录', 'Please sign in first'))

/**
 * The actor of a user: a global administrator may do everything; anyone else holds the union of the
 * permissions of their roles in the tenant, or, about no tenant, in all their tenants (to list them).
 * A disabled or missing user is not signed in. A tenant they hold no role in is "not found", exactly like a
 * missing one, so no route confirms that a stranger's tenant exists.
 */
export async function resolveActor(deps: Deps, userId: string, tenantCode?: string, label?: string): Promise<Actor> {
  return deps.store.read(async (tx) => {
    const user = await tx.users.byId(userId)
    if (!user?.enabled) throw signInRequired()
    const actor = { userId, login: user.login, label: label ?? user.login }
    if (user.isAdmin) return { ...actor, isAdmin: true, permissions: 'all' }
    if (tenantCode !== undefined) {
      const tenant = await tx.tenants.byCode(tenantCode)
      if (!tenant || (await tx.memberships.rolesOf(tenant.id, userId)).length === 0) throw tenantNotFound(tenantCode)
    }
    return {
      ...actor,
      isAdmin: false,
      permissions: await permissionsIn(tx, userId, tenantCode),
      visibility: await visibilityIn(tx, userId, tenantCode),
    }
  })
}

/**
 * The customers a member may see in a tenant: every one without data scopes; about no tenant, none (an
 * actor resolved without a tenant lists tenants and never reads customers).
 */
async function visibilityIn(tx: Tx, userId: string, tenantCode: string | undefined): Promise<Visibility> {
  const tenant = tenantCode === undefined ? undefined : await tx.tenants.byCode(tenantCode)
  if (!tenant) return { kind: 'scoped', tenantId: '', nodes: [], ownerId: null }
  const scopes = await tx.scopes.list(tenant.id, userId)
  if (scopes.length === 0) return EVERY_CUSTOMER
  const nodes: NodeScope[] = []
  for (const s of scopes) {
    if (s.kind !== 'node') continue
    const node = await tx.nodes.byId(tenant.id, s.nodeId)
    if (node)
      nodes.push({
        schemeId: node.schemeId,
        nodeId: node.id,
        path: await tx.nodes.pathOf(tenant.id, node.id),
        subtree: s.subtree,
      })
  }
  return { kind: 'scoped', tenantId: tenant.id, nodes, ownerId: scopes.some((s) => s.kind === 'own') ? userId : null }
}

async function permissionsIn(tx: Tx, userId: string, tenantCode: string | undefined): Promise<Set<Permission>> {
  const tenantIds =
    tenantCode === undefined
      ? [...new Set((await tx.memberships.forUser(userId)).map((m) => m.tenantId))]
      : [(await tx.tenants.byCode(tenantCode))?.id].filter((id) => id !== undefined)
  const out = new Set<Permission>()
  for (const tenantId of tenantIds)
    for (const role of await tx.memberships.rolesOf(tenantId, userId)) for (const p of permissionsOf(role)) out.add(p)
  return out
}

/** An actor limited to a token's scopes: never more than its user holds, and never an administrator's bypass. */
export function narrowTo(actor: Actor, scopes: readonly Permission[]): Actor {
  if (scopes.length === 0) return actor
  const held = actor.permissions
  const permissions = new Set(scopes.filter((p) => held === 'all' || held.has(p)))
  return { ...actor, isAdmin: false, permissions }
}
