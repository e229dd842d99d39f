import type { ApiToken, AppUser, UserSession } from '@kehu/core'
import type { Deps } from '../deps.js'
import { accessEvent } from './access-event.js'
import { secretHash } from './secrets.js'
import { SESSION_IDLE_MS } from './sign-in.js'

/** How the logs name a token's caller: `alice/token:erp`. */
export const tokenLabel = (login: string, tokenName: string) => `${login}/token:${tokenName}`

// Last-seen times are written at most once a minute, so a busy page does not write on every request.
const TOUCH_MS = 60_000

/** The user of a live session cookie (not revoked, neither idle nor past its end, user enabled), else undefined. */
export async function authenticateSession(
  deps: Deps,
  secret: string,
): Promise<{ user: AppUser; session: UserSession } | undefined> {
  const now = deps.clock.now()
  const found = await deps.store.read(async (tx) => {
    const session = await tx.sessions.bySecretHash(secretHash(secret))
    const user = session && (await tx.users.byId(session.userId))
    return session && user && { session, user }
  })
  if (!found?.user.enabled || found.session.revokedAt) return undefined
  const { session } = found
  if (Date.parse(session.expiresAt) <= now.getTime()) return undefined
  const idleFor = now.getTime() - Date.parse(session.lastSeenAt)
  if (idleFor >= SESSION_IDLE_MS) return undefined
  if (idleFor >= TOUCH_MS) await deps.store.transaction((tx) => tx.sessions.touch(session.id, now.toISOString()))
  return found
}

/**
 * The user and token of a live API token (not revoked or expired, user enabled), else undefined. Its use is
 * recorded at most once a minute: the last-used time and a `token.used` access event naming the tenant called.
 */
export async function authenticateToken(
  deps: Deps,
  secret: string,
  on: { tenant?: string | undefined; address?: string | null } = {},
): Promise<{ user: AppUser; token: ApiToken } | undefined> {
  const now = deps.clock.now()
  const found = await deps.store.read(async (tx) => {
    const token = await tx.apiTokens.bySecretHash(secretHash(secret))
    const user = token && (await tx.users.byId(token.userId))
    return token && user && { token, user }
  })
  if (!found?.user.enabled || found.token.revokedAt) return undefined
  const { token } = found
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()) return undefined
  if (token.lastUsedAt === null || now.getTime() - Date.parse(token.lastUsedAt) >= TOUCH_MS)
    await deps.store.transaction(async (tx) => {
      await tx.apiTokens.touch(token.id, now.toISOString())
      const tenant = on.tenant === undefined ? undefined : await tx.tenants.byCode(on.tenant)
      const { user } = found
      await tx.accessLog.append(
        accessEvent(
          deps,
          tokenLabel(user.login, token.name),
          'token.used',
          { login: user.login, userId: user.id, address: on.address, tenantId: tenant?.id },
          { tokenId: token.id, name: token.name },
        ),
      )
    })
  return found
}
