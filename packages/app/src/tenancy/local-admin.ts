import type { Actor } from '@kehu/core'
import type { Deps } from '../deps.js'

/** The built-in local administrator (until sign-in lands every actor is this user). */
export async function ensureLocalAdmin(deps: Deps, label = 'admin'): Promise<Actor> {
  const user = await deps.store.transaction(async (tx) => {
    const existing = await tx.users.byLogin('admin')
    if (existing) return existing
    const u = {
      id: deps.ids.next(),
      login: 'admin',
      displayName: '系统管理员',
      isAdmin: true,
      enabled: true,
      createdAt: deps.clock.now().toISOString(),
    }
    await tx.users.insert(u)
    return u
  })
  return { userId: user.id, login: user.login, label, isAdmin: true, permissions: 'all' }
}
