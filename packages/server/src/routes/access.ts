import { createRoute, z } from '@hono/zod-openapi'
import {
  type ApiTokenView,
  ChangePasswordInput,
  CreateApiTokenInput,
  CreateUserInput,
  changeOwnPassword,
  createApiToken,
  createUser,
  currentUser,
  getMe,
  listApiTokens,
  listSessions,
  listUsers,
  revokeApiToken,
  revokeSession,
  SESSION_MAX_MS,
  type SessionView,
  SetUpInput,
  type SignedIn,
  SignInInput,
  setUpFirstAdmin,
  signIn,
  signInInForce,
  signInRequired,
  signOut,
  UpdateUserInput,
  type UserView,
  unlockSignIn,
  updateUser,
} from '@kehu/app'
import { AppError, PERMISSIONS, text } from '@kehu/core'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { isHttps, isLoopback, SESSION_COOKIE } from '../auth.js'
import { ctxOf, type Env, type KehuApp, type ServerContext } from '../context.js'
import { json, problemResponses, ScopeOut, TenantParam } from './common.js'

const UserOut = z
  .object({
    id: z.string(),
    login: z.string(),
    displayName: z.string(),
    isAdmin: z.boolean(),
    enabled: z.boolean(),
    hasPassword: z.boolean(),
    createdAt: z.string(),
    roles: z.array(z.object({ tenant: z.string(), role: z.string() })),
  })
  .openapi('User')
const userOut = (u: UserView) => ({
  id: u.id,
  login: u.login,
  displayName: u.displayName,
  isAdmin: u.isAdmin,
  enabled: u.enabled,
  hasPassword: u.hasPassword,
  createdAt: u.createdAt,
  roles: u.roles,
})
const SessionInfo = z
  .object({
    user: z.union([UserOut, z.null()]),
    via: z.enum(['none', 'loopback', 'session', 'token']),
    setupRequired: z.boolean().openapi({ description: 'No user has a password yet and this is the local machine' }),
  })
  .openapi('SessionInfo')
const SessionOut = z
  .object({
    id: z.string(),
    login: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    address: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .openapi('Session')
const TokenOut = z
  .object({
    id: z.string(),
    login: z.string(),
    name: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken')
const tokenOut = (t: ApiTokenView) => ({
  id: t.id,
  login: t.login,
  name: t.name,
  scopes: t.scopes,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
})
const MeOut = z
  .object({
    login: z.string(),
    displayName: z.string(),
    isAdmin: z.boolean(),
    permissions: z.array(z.enum(PERMISSIONS)),
    scopes: z.array(ScopeOut).openapi({ description: 'Data scopes in this tenant; none means every customer' }),
  })
  .openapi('Me')
const LoginParam = z.object({ login: z.string().max(64) })
const IdParam = z.object({ id: z.string().max(100) })
const LoginQuery = z.object({ login: z.string().max(64).optional() })
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})
const unauthenticated = { 401: { description: 'Not signed in, or the login or password is wrong' } }

// HttpOnly (no script reads it), SameSite=Lax (no cross-site change carries it), Secure over HTTPS.
function setSessionCookie(c: Context<Env>, s: SignedIn, trustProxy: boolean) {
  setCookie(c, SESSION_COOKIE, s.secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, trustProxy),
    path: '/',
    maxAge: SESSION_MAX_MS / 1000,
  })
}

const signedInFrom = (c: Context<Env>) => ({
  address: c.var.address,
  userAgent: c.req.header('user-agent') ?? null,
  replaces: getCookie(c, SESSION_COOKIE),
})

/** The caller's session, or 401: a password changes in a browser session, not with a token or on loopback. */
const sessionOf = (c: Context<Env>) => {
  const caller = c.var.caller
  if (caller.via !== 'session') throw signInRequired()
  return caller
}

/** Sign-in, sign-out, the first administrator, one's own password; users, sessions and API tokens. */
export function registerAccessRoutes(app: KehuApp, ctx: ServerContext) {
  const trustProxy = ctx.trustProxy ?? false
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/session',
      tags: ['session'],
      summary: 'Who is signed in (null when nobody), and whether the first administrator is still to be set up',
      responses: { 200: json(SessionInfo, 'The caller'), ...problemResponses },
    }),
    async (c) => {
      const caller = c.var.caller
      const user =
        caller.via === 'session' || caller.via === 'token' ? await currentUser(c.var.deps, caller.userId) : undefined
      const setupRequired = isLoopback(c.var.address) && !(await signInInForce(c.var.deps))
      return c.json({ user: user ? userOut(user) : null, via: caller.via, setupRequired }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/session',
      tags: ['session'],
      summary: 'Sign in: sets the HttpOnly session cookie (a new session each time)',
      description:
        'The answer is the same whether the login exists. After 5 failures in 15 minutes a login is locked for the rest of the window (429), and an address after 30.',
      request: body(SignInInput),
      responses: {
        200: json(z.object({ user: UserOut }), 'Signed in'),
        ...unauthenticated,
        429: { description: 'Too many failed sign-ins' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const signed = await signIn(c.var.deps, c.req.valid('json'), signedInFrom(c))
      setSessionCookie(c, signed, trustProxy)
      return c.json({ user: userOut((await currentUser(c.var.deps, signed.user.id)) as UserView) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/session',
      tags: ['session'],
      summary: 'Sign out: ends this session and clears the cookie',
      responses: { 204: { description: 'Signed out' }, ...problemResponses },
    }),
    async (c) => {
      const secret = getCookie(c, SESSION_COOKIE)
      if (secret) await signOut(c.var.deps, secret)
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/session/password',
      tags: ['session'],
      summary: "Change one's own password (the current one is required); one's other sessions end",
      request: body(ChangePasswordInput),
      responses: { 204: { description: 'Changed' }, ...unauthenticated, ...problemResponses },
    }),
    async (c) => {
      const { sessionId } = sessionOf(c)
      await changeOwnPassword(c.var.deps, c.var.actor, c.req.valid('json'), sessionId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/setup',
      tags: ['session'],
      summary: 'Create the first administrator and sign in (from this machine only, while no user has a password)',
      request: body(SetUpInput),
      responses: { 201: json(z.object({ user: UserOut }), 'Set up and signed in'), ...problemResponses },
    }),
    async (c) => {
      if (!isLoopback(c.var.address))
        throw new AppError(
          'forbidden',
          'SETUP_LOOPBACK_ONLY',
          text('只能在服务器本机上设置第一个管理员', 'The first administrator can be set up on the server itself only'),
        )
      const signed = await setUpFirstAdmin(c.var.deps, c.req.valid('json'), signedInFrom(c))
      setSessionCookie(c, signed, trustProxy)
      return c.json({ user: userOut((await currentUser(c.var.deps, signed.user.id)) as UserView) }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/me',
      tags: ['session'],
      summary: 'What the caller may do in this tenant: their permissions and data scopes (403 for a non-member)',
      request: { params: TenantParam },
      responses: { 200: json(MeOut, 'The caller in this tenant'), ...problemResponses },
    }),
    async (c) => c.json(await getMe(ctxOf(c, c.req.valid('param').tenant)), 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/users',
      tags: ['users'],
      summary: 'List users (administrators)',
      responses: { 200: json(z.object({ items: z.array(UserOut) }), 'Users'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listUsers(ctxOf(c))).map(userOut) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/users',
      tags: ['users'],
      summary: 'Create a user (administrators)',
      request: body(CreateUserInput),
      responses: { 201: json(UserOut, 'Created'), ...problemResponses },
    }),
    async (c) => c.json(userOut(await createUser(ctxOf(c), c.req.valid('json'))), 201),
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/users/{login}',
      tags: ['users'],
      summary: "Change a user's name, administrator flag, enabled state or password (administrators)",
      request: { params: LoginParam, ...body(UpdateUserInput) },
      responses: { 200: json(UserOut, 'Changed'), ...problemResponses },
    }),
    async (c) => c.json(userOut(await updateUser(ctxOf(c), c.req.valid('param').login, c.req.valid('json'))), 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/users/{login}/unlock',
      tags: ['users'],
      summary: 'End a sign-in lock early (admin): the failed sign-ins so far stop counting; written to the access log',
      request: { params: LoginParam },
      responses: {
        200: json(
          z.object({
            login: z.string(),
            wasLocked: z.boolean(),
            failuresCleared: z.number().int().openapi({ description: 'Failed sign-ins of the last 15 minutes' }),
          }),
          'Unlocked',
        ),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await unlockSignIn(ctxOf(c), c.req.valid('param').login), 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/sessions',
      tags: ['session'],
      summary: "Live sessions: one's own (login = oneself), or anyone's (administrators)",
      request: { query: LoginQuery },
      responses: { 200: json(z.object({ items: z.array(SessionOut) }), 'Sessions'), ...problemResponses },
    }),
    async (c) => {
      const caller = c.var.caller
      const current = caller.via === 'session' ? caller.sessionId : undefined
      const items = await listSessions(ctxOf(c), c.req.valid('query').login)
      return c.json({ items: items.map((s) => sessionOut(s, current)) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/sessions/{id}',
      tags: ['session'],
      summary: "End a session: one's own, or anyone's (administrators)",
      request: { params: IdParam },
      responses: { 204: { description: 'Ended' }, ...problemResponses },
    }),
    async (c) => {
      await revokeSession(ctxOf(c), c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tokens',
      tags: ['tokens'],
      summary: "API tokens (never their secrets): one's own (login = oneself), or anyone's (administrators)",
      request: { query: LoginQuery },
      responses: { 200: json(z.object({ items: z.array(TokenOut) }), 'Tokens'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listApiTokens(ctxOf(c), c.req.valid('query').login)).map(tokenOut) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tokens',
      tags: ['tokens'],
      summary: 'Create an API token; its secret is in this answer only (`Authorization: Bearer …`)',
      request: body(CreateApiTokenInput),
      responses: { 201: json(TokenOut.extend({ secret: z.string() }), 'Created'), ...problemResponses },
    }),
    async (c) => {
      const t = await createApiToken(ctxOf(c), c.req.valid('json'))
      return c.json({ ...tokenOut(t), secret: t.secret }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/tokens/{id}',
      tags: ['tokens'],
      summary: 'Revoke an API token: it stops working at once',
      request: { params: IdParam },
      responses: { 204: { description: 'Revoked' }, ...problemResponses },
    }),
    async (c) => {
      await revokeApiToken(ctxOf(c), c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
}

const sessionOut = (s: SessionView, current: string | undefined) => ({
  id: s.id,
  login: s.login,
  createdAt: s.createdAt,
  lastSeenAt: s.lastSeenAt,
  expiresAt: s.expiresAt,
  address: s.address,
  userAgent: s.userAgent,
  current: s.id === current,
})
