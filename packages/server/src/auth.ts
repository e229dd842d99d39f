import {
  authenticateSession,
  authenticateToken,
  narrowTo,
  resolveActor,
  signInInForce,
  signInRequired,
  tokenLabel,
} from '@kehu/app'
import { type Actor, AppError, text } from '@kehu/core'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Env, ServerContext } from './context.js'

export const SESSION_COOKIE = 'kehu_session'

/** What anyone may reach without signing in: the web's files, health, sign-in and set-up, the API reference. */
const PUBLIC_API = /^\/api\/(health|session|setup|openapi\.json|docs)(\/|$)/
/** Public and about nobody in particular: answered without looking for a caller. */
const ANONYMOUS = /^\/api\/(health|openapi\.json|docs)(\/|$)|^\/(?!api\/)/

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

/** Whether the client is this machine; an in-process request (tests, no socket) is. */
export const isLoopback = (address: string | null) => address === null || LOOPBACK_ADDRESS.test(address)

export interface AuthOptions {
  /** Behind a reverse proxy: the client is the last address of X-Forwarded-For, HTTPS is X-Forwarded-Proto. */
  trustProxy?: boolean | undefined
}

/** The client's address: the socket's peer, or with `trustProxy` the address the proxy saw. */
export function clientAddress(c: Context<Env>, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim()
    if (forwarded) return forwarded
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? null
}

/** Whether the browser reached kehu over HTTPS (directly or through a trusted proxy): cookies are Secure then. */
export const isHttps = (c: Context<Env>, trustProxy: boolean) =>
  new URL(c.req.url).protocol === 'https:' || (trustProxy && c.req.header('x-forwarded-proto') === 'https')

const NOBODY: Actor = Object.freeze({
  userId: '',
  login: '',
  label: 'anonymous',
  isAdmin: false,
  permissions: new Set<never>(),
})

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Finds the caller and their actor for the tenant in the path (docs/decisions/0023-identity-sign-in-and-sessions.md):
 * a bearer token, else the session cookie; while no user has a password, a loopback client is the local
 * administrator. Everything but the public paths needs a caller. A cookie's change must name its origin.
 */
export function authenticate(ctx: ServerContext, options: AuthOptions = {}): MiddlewareHandler<Env> {
  const trustProxy = options.trustProxy ?? false
  // Once sign-in is in force it stays so for the life of the process; until then every request asks,
  // so a first administrator created by the CLI takes effect at once.
  let inForce = false
  const signInIsInForce = async () => {
    inForce ||= await signInInForce(ctx.deps)
    return inForce
  }
  return async (c, next) => {
    const address = clientAddress(c, trustProxy)
    c.set('address', address)
    const path = new URL(c.req.url).pathname
    if (ANONYMOUS.test(path)) {
      c.set('caller', { via: 'none' })
      c.set('actor', NOBODY)
      return next()
    }
    const deps = c.var.deps
    const tenant = /^\/api\/t\/([^/]+)/.exec(path)?.[1]
    const tenantCode = tenant === undefined ? undefined : decodeURIComponent(tenant)
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    if (bearer !== undefined) {
      const found = await authenticateToken(deps, bearer, { tenant: tenantCode, address })
      if (!found)
        throw new AppError(
          'unauthenticated',
          'TOKEN_INVALID',
          text('API 令牌无效、已过期或已撤销', 'The API token is not valid, has expired or was revoked'),
        )
      const label = tokenLabel(found.user.login, found.token.name)
      c.set('caller', { via: 'token', userId: found.user.id, tokenId: found.token.id })
      c.set('actor', narrowTo(await resolveActor(deps, found.user.id, tenantCode, label), found.token.scopes))
      return next()
    }
    const secret = getCookie(c, SESSION_COOKIE)
    const found = secret ? await authenticateSession(deps, secret) : undefined
    if (found) {
      if (UNSAFE.has(c.req.method) && !c.req.header('origin') && !c.req.header('referer'))
        throw new AppError(
          'forbidden',
          'REQUEST_ORIGIN_REQUIRED',
          text('已登录的修改请求须带 Origin 头', 'A signed-in change must carry an Origin header'),
        )
      c.set('caller', { via: 'session', userId: found.user.id, sessionId: found.session.id })
      c.set('actor', await resolveActor(deps, found.user.id, tenantCode))
      return next()
    }
    if (isLoopback(address) && !(await signInIsInForce())) {
      c.set('caller', { via: 'loopback' })
      c.set('actor', ctx.actor)
      return next()
    }
    c.set('caller', { via: 'none' })
    c.set('actor', NOBODY)
    if (path.startsWith('/api/') && !PUBLIC_API.test(path)) throw signInRequired()
    return next()
  }
}
