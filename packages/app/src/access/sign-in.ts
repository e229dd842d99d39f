import { AppError, type AppUser, normalizeLogin, parseInput, type Tx, text, type UserSession } from '@kehu/core'
import { z } from 'zod'
import type { Deps } from '../deps.js'
import { accessEvent } from './access-event.js'
import { decoyHash, newSecret, secretHash, verifyPassword } from './secrets.js'

export const SignInInput = z.object({ login: z.string().max(64), password: z.string().max(200) })
export type SignInInput = z.infer<typeof SignInInput>

/** Where a sign-in comes from: the client's address (for the per-address limit) and its browser. */
export interface SignInFrom {
  address: string | null
  userAgent: string | null
  /** The secret of the session the browser held before: it ends, so a planted cookie never signs in (fixation). */
  replaces?: string | undefined
}

export interface SignedIn {
  /** The cookie's value: shown to the browser once, stored only as its SHA-256. */
  secret: string
  session: UserSession
  user: AppUser
}

/** Failed sign-ins within the window that lock a login (any login, existing or not) or refuse an address. */
export const SIGN_IN_LIMITS = { windowMs: 15 * 60_000, perLogin: 5, perAddress: 30 }
/** A session ends after 8 idle hours (a working day), and in any case 7 days after sign-in. */
export const SESSION_IDLE_MS = 8 * 3600_000
export const SESSION_MAX_MS = 7 * 24 * 3600_000

const failed = () =>
  new AppError('unauthenticated', 'SIGN_IN_FAILED', text('登录名或密码不正确', 'The login or the password is wrong'))

/**
 * Checks a login and password and opens a new session. Every outcome is in the access log; the answer is
 * the same whether the login exists, is disabled or has no password, and takes as long (a decoy hash).
 * After 5 failures in 15 minutes the login is locked for the rest of the window, and an address after 30.
 */
export async function signIn(deps: Deps, given: SignInInput, from: SignInFrom): Promise<SignedIn> {
  const input = parseInput(SignInInput, given)
  const login = normalizeLogin(input.login)
  const now = deps.clock.now()
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs).toISOString()
  const about = { login, address: from.address }
  const [byLogin, byAddress] = await deps.store.read((tx) =>
    Promise.all([
      loginFailures(tx, login, since),
      from.address === null ? 0 : tx.accessLog.failuresSince(since, { address: from.address }),
    ]),
  )
  if (byLogin >= SIGN_IN_LIMITS.perLogin || byAddress >= SIGN_IN_LIMITS.perAddress) {
    await deps.store.transaction((tx) => tx.accessLog.append(accessEvent(deps, login, 'sign-in.limited', about)))
    throw new AppError(
      'rate-limited',
      'SIGN_IN_LIMITED',
      text('登录失败次数过多，请 15 分钟后再试', 'Too many failed sign-ins: try again in 15 minutes'),
      { details: { retryAfter: SIGN_IN_LIMITS.windowMs / 1000 } },
    )
  }
  const found = await deps.store.read(async (tx) => {
    const user = await tx.users.byLogin(login)
    return user && { user, hash: await tx.users.passwordHash(user.id) }
  })
  const matches = await verifyPassword(input.password, found?.hash ?? (await decoyHash()))
  if (!found?.hash || !matches || !found.user.enabled) {
    const reason = !found ? 'unknown-login' : !found.hash ? 'no-password' : !matches ? 'wrong-password' : 'disabled'
    await deps.store.transaction((tx) =>
      tx.accessLog.append(accessEvent(deps, login, 'sign-in.failed', { ...about, userId: found?.user.id }, { reason })),
    )
    throw failed()
  }
  const { user } = found
  const secret = newSecret()
  const at = now.toISOString()
  const session: UserSession = {
    id: deps.ids.next(),
    userId: user.id,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(now.getTime() + SESSION_MAX_MS).toISOString(),
    address: from.address,
    userAgent: from.userAgent?.slice(0, 300) ?? null,
    revokedAt: null,
  }
  await deps.store.transaction(async (tx) => {
    if (from.replaces) {
      const old = await tx.sessions.bySecretHash(secretHash(from.replaces))
      if (old && !old.revokedAt) await tx.sessions.revoke(old.id, at)
    }
    await tx.sessions.insert(session, secretHash(secret))
    await tx.accessLog.append(
      accessEvent(deps, user.login, 'sign-in', { ...about, userId: user.id }, { sessionId: session.id }),
    )
  })
  return { secret, session, user }
}

/** A login's failed sign-ins since `since`, counting none before an administrator's latest unlock of it. */
export async function loginFailures(tx: Tx, login: string, since: string): Promise<number> {
  const unlocked = await tx.accessLog.latest('sign-in.unlocked', login)
  return tx.accessLog.failuresSince(unlocked !== undefined && unlocked > since ? unlocked : since, { login })
}

/** Ends the session this cookie secret names, if it is live. */
export async function signOut(deps: Deps, secret: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const s = await tx.sessions.bySecretHash(secretHash(secret))
    if (!s || s.revokedAt) return
    const user = await tx.users.byId(s.userId)
    await tx.sessions.revoke(s.id, deps.clock.now().toISOString())
    await tx.accessLog.append(
      accessEvent(
        deps,
        user?.login ?? s.userId,
        'sign-out',
        { login: user?.login, userId: s.userId },
        { sessionId: s.id },
      ),
    )
  })
}
