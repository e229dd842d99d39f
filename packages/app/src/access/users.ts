import { type AppUser, normalizeLogin, notFound, type Tx, text } from '@kehu/core'
import type { Deps } from '../deps.js'

/** The user with this login (compared without case), or a not-found error naming it; for administrators' use cases. */
export async function userByLogin(tx: Tx, login: string): Promise<AppUser> {
  const user = await tx.users.byLogin(normalizeLogin(login))
  if (!user) throw notFound('USER_NOT_FOUND', text(`用户 ${login} 不存在`, `User ${login} does not exist`), { login })
  return user
}

/** A user as the API and the CLI show it: never the password hash, only whether there is one. */
export interface UserView extends AppUser {
  hasPassword: boolean
  /** Roles per tenant code. */
  roles: { tenant: string; role: string }[]
}

export async function userView(tx: Tx, user: AppUser): Promise<UserView> {
  const roles: UserView['roles'] = []
  for (const m of await tx.memberships.forUser(user.id)) {
    const tenant = await tx.tenants.byId(m.tenantId)
    if (tenant) roles.push({ tenant: tenant.code, role: m.roleCode })
  }
  return { ...user, hasPassword: Boolean(await tx.users.passwordHash(user.id)), roles }
}

/** The signed-in user as they see themselves (the session answer): no permission needed for oneself. */
export async function currentUser(deps: Deps, userId: string): Promise<UserView | undefined> {
  return deps.store.read(async (tx) => {
    const user = await tx.users.byId(userId)
    return user && userView(tx, user)
  })
}
