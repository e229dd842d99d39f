import { assertCan, notFound, parseInput, type Role, type Tx, text } from '@kehu/core'
import { z } from 'zod'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { accessEvent } from './access-event.js'
import { type UserView, userByLogin, userView } from './users.js'

export const GrantRoleInput = z.object({ login: z.string().max(64), role: z.string().max(100) })
export type GrantRoleInput = z.infer<typeof GrantRoleInput>

/** The tenant's roles. */
export async function listRoles({ deps, actor, tenant }: RequestContext): Promise<Role[]> {
  assertCan(actor, 'tenant:read')
  return deps.store.read(async (tx) => tx.roles.list((await resolveTenant(tx, tenant)).id))
}

/** Gives a user a role in the tenant (by the role's code or name); a role the user has already is kept. */
export async function grantRole(ctx: RequestContext, input: GrantRoleInput): Promise<UserView> {
  return changeRole(ctx, input, 'role.granted')
}

/** Takes a role in the tenant from a user. */
export async function revokeRole(ctx: RequestContext, input: GrantRoleInput): Promise<UserView> {
  return changeRole(ctx, input, 'role.revoked')
}

async function changeRole(
  { deps, actor, tenant }: RequestContext,
  given: GrantRoleInput,
  action: 'role.granted' | 'role.revoked',
): Promise<UserView> {
  assertCan(actor, 'tenant:admin')
  const input = parseInput(GrantRoleInput, given)
  return deps.store.transaction(async (tx) => {
    const t = await resolveTenant(tx, tenant)
    const user = await userByLogin(tx, input.login)
    const role = await roleNamed(tx, t.id, input.role)
    if (action === 'role.granted')
      await tx.memberships.add({
        tenantId: t.id,
        userId: user.id,
        roleCode: role.code,
        createdAt: deps.clock.now().toISOString(),
      })
    else await tx.memberships.remove(t.id, user.id, role.code)
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        action,
        { login: user.login, userId: user.id, tenantId: t.id },
        { tenant: t.code, role: role.code },
      ),
    )
    return userView(tx, user)
  })
}

async function roleNamed(tx: Tx, tenantId: string, codeOrName: string): Promise<Role> {
  const wanted = codeOrName.trim()
  const role =
    (await tx.roles.byCode(tenantId, wanted)) ?? (await tx.roles.list(tenantId)).find((r) => r.name === wanted)
  if (!role)
    throw notFound('ROLE_NOT_FOUND', text(`角色 ${wanted} 不存在`, `Role ${wanted} does not exist`), { role: wanted })
  return role
}
