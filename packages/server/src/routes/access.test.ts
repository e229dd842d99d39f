// Sign-in over HTTP: the set-up of the first administrator, the cookie, the loopback rule, CSRF and tokens.
import { type Deps, ensureLocalAdmin, grantRole } from '@kehu/app'
import { BUILT_IN_ROLES, PERMISSIONS } from '@kehu/core'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb, testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import type { KehuApp } from '../context.js'

const PASSWORD = 'correct horse battery'
const ORIGIN = 'http://localhost'
const REMOTE = { incoming: { socket: { remoteAddress: '192.0.2.7' } } }

describe.each(testKinds())('sign-in routes on %s', (kind) => {
  let db: TestDb
  let deps: Deps
  let app: KehuApp
  let proxied: KehuApp
  const tenant = `acc${Math.random().toString(36).slice(2, 7)}`
  let cookie = ''
  beforeAll(async () => {
    db = await createTestDb(kind)
    deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    const actor = await ensureLocalAdmin(deps, 'test')
    app = createApp({ deps, actor, version: 'test', database: kind })
    proxied = createApp({ deps, actor, version: 'test', database: kind, trustProxy: true })
  })
  afterAll(() => db?.dispose())

  const call = (
    method: string,
    path: string,
    o: { body?: unknown; cookie?: string; headers?: Record<string, string>; env?: unknown; via?: KehuApp } = {},
  ) =>
    (o.via ?? app).request(
      `http://localhost${path}`,
      {
        method,
        headers: {
          ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method === 'GET' ? {} : { origin: ORIGIN }),
          ...(o.cookie ? { cookie: o.cookie } : {}),
          ...o.headers,
        },
        ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
      },
      o.env,
    )
  const sessionCookie = (r: Response) => (r.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

  it('before any password: loopback is the administrator and is offered the set-up; others are refused', async () => {
    expect(await (await call('GET', '/api/session')).json()).toEqual({
      user: null,
      via: 'loopback',
      setupRequired: true,
    })
    expect((await call('POST', '/api/tenants', { body: { code: tenant, name: '登录测试' } })).status).toBe(201)
    const remote = await call('GET', '/api/session', { env: REMOTE })
    expect(await remote.json()).toEqual({ user: null, via: 'none', setupRequired: false })
    const refused = await call('GET', '/api/tenants', { env: REMOTE })
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([401, 'SIGN_IN_REQUIRED'])
    const setUp = await call('POST', '/api/setup', { body: { login: 'chief', password: PASSWORD }, env: REMOTE })
    expect([setUp.status, ((await setUp.json()) as { code: string }).code]).toEqual([403, 'SETUP_LOOPBACK_ONLY'])
  })

  it('sets up the first administrator from loopback, signed in with an HttpOnly SameSite cookie; then sign-in is in force', async () => {
    const r = await call('POST', '/api/setup', { body: { login: 'Chief', displayName: '张总', password: PASSWORD } })
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ user: { login: 'chief', displayName: '张总', isAdmin: true } })
    const setCookie = r.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^kehu_session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/)
    cookie = sessionCookie(r)
    expect((await call('GET', '/api/tenants')).status).toBe(401)
    expect((await call('GET', '/api/tenants', { cookie })).status).toBe(200)
    for (const open of ['/api/health', '/api/openapi.json', '/api/session'])
      expect((await call('GET', open)).status).toBe(200)
    expect(await (await call('GET', '/api/session', { cookie })).json()).toMatchObject({
      user: { login: 'chief' },
      via: 'session',
      setupRequired: false,
    })
    expect((await call('POST', '/api/setup', { body: { login: 'again', password: PASSWORD } })).status).toBe(409)
  })

  it('answers a wrong password and an unknown login alike, and gives a new session on each sign-in', async () => {
    const wrong = await call('POST', '/api/session', { body: { login: 'chief', password: 'not the password' } })
    const unknown = await call('POST', '/api/session', { body: { login: 'nobody', password: PASSWORD } })
    expect(wrong.status).toBe(401)
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined })
    expect(strip(await wrong.json())).toEqual(strip(await unknown.json()))
    const again = await call('POST', '/api/session', { body: { login: 'chief', password: PASSWORD }, cookie })
    expect(again.status).toBe(200)
    const renewed = sessionCookie(again)
    expect(renewed).not.toBe(cookie)
    expect((await call('GET', '/api/tenants', { cookie })).status).toBe(401)
    cookie = renewed
  })

  it('refuses a signed-in change from another origin, without an origin, or as a form', async () => {
    const create = (headers: Record<string, string>, body = JSON.stringify({ name: '跨站测试有限公司' })) =>
      app.request(`http://localhost/api/t/${tenant}/customers`, {
        method: 'POST',
        headers: { cookie, ...headers },
        body,
      })
    const codes = async (r: Response) => [r.status, ((await r.json()) as { code: string }).code]
    expect(await codes(await create({ 'content-type': 'application/json', origin: 'http://evil.example' }))).toEqual([
      403,
      'REQUEST_CROSS_ORIGIN',
    ])
    expect(await codes(await create({ 'content-type': 'application/json' }))).toEqual([403, 'REQUEST_ORIGIN_REQUIRED'])
    expect(await codes(await create({ 'content-type': 'text/plain', origin: ORIGIN }))).toEqual([
      415,
      'REQUEST_CONTENT_TYPE',
    ])
    expect((await create({ 'content-type': 'application/json', origin: ORIGIN })).status).toBe(201)
  })

  it('an API token without customer:create cannot create; tokens need no origin and are refused once revoked', async () => {
    const made = await call('POST', '/api/tokens', {
      cookie,
      body: { name: 'erp', login: 'chief', scopes: ['customer:read'] },
    })
    expect(made.status).toBe(201)
    const token = (await made.json()) as { id: string; secret: string }
    const bearer = { authorization: `Bearer ${token.secret}` }
    expect((await call('GET', `/api/t/${tenant}/customers`, { headers: bearer })).status).toBe(200)
    const refused = await call('POST', `/api/t/${tenant}/customers`, {
      headers: { ...bearer, origin: 'http://erp.example' },
      body: { name: '令牌公司' },
    })
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([403, 'ACCESS_DENIED'])
    const listed = (await (await call('GET', '/api/tokens', { cookie })).json()) as { items: object[] }
    expect(listed.items).toHaveLength(1)
    expect(JSON.stringify(listed)).not.toContain(token.secret)
    expect(
      (await call('DELETE', `/api/tokens/${token.id}`, { cookie, headers: { 'x-kehu-request': '1' } })).status,
    ).toBe(204)
    const revoked = await call('GET', `/api/t/${tenant}/customers`, { headers: bearer })
    expect([revoked.status, ((await revoked.json()) as { code: string }).code]).toEqual([401, 'TOKEN_INVALID'])
  })

  it("answers what the caller may do in a tenant: an administrator everything, a clerk the clerk's, a stranger 404", async () => {
    const me = async (c: string, t = tenant) => {
      const r = await call('GET', `/api/t/${t}/me`, { cookie: c })
      return [r.status, await r.json()] as const
    }
    expect(await me(cookie)).toEqual([
      200,
      { login: 'chief', displayName: '张总', isAdmin: true, permissions: [...PERMISSIONS], scopes: [] },
    ])
    const made = await call('POST', '/api/users', {
      cookie,
      body: { login: 'clerk1', displayName: '李档', password: PASSWORD },
    })
    expect(made.status).toBe(201)
    const admin = await ensureLocalAdmin(deps, 'test')
    await grantRole({ deps, actor: admin, tenant, lang: 'zh-CN' }, { login: 'clerk1', role: 'clerk' })
    const signed = await call('POST', '/api/session', { body: { login: 'clerk1', password: PASSWORD } })
    const clerk = sessionCookie(signed)
    expect(await me(clerk)).toEqual([
      200,
      {
        login: 'clerk1',
        displayName: '李档',
        isAdmin: false,
        permissions: PERMISSIONS.filter((p) => BUILT_IN_ROLES.clerk.permissions.includes(p)),
        scopes: [],
      },
    ])
    const other = `oth${tenant}`
    expect((await call('POST', '/api/tenants', { cookie, body: { code: other, name: '别的账套' } })).status).toBe(201)
    const [status, body] = await me(clerk, other)
    expect([status, (body as { code: string }).code]).toEqual([404, 'TENANT_NOT_FOUND'])
    const [missing] = await me(clerk, 'no-such-tenant')
    expect(missing).toBe(404)
  })

  it('hides a tenant the user has no role in: unlisted, and every route answers as for a missing one', async () => {
    const admin = await ensureLocalAdmin(deps, 'test')
    const mine = `min${tenant}`
    const theirs = `thr${tenant}`
    for (const code of [mine, theirs])
      expect((await call('POST', '/api/tenants', { cookie, body: { code, name: code } })).status).toBe(201)
    const made = await call('POST', '/api/users', {
      cookie,
      body: { login: 'sales9', displayName: '王销', password: PASSWORD },
    })
    expect(made.status).toBe(201)
    await grantRole({ deps, actor: admin, tenant: mine, lang: 'zh-CN' }, { login: 'sales9', role: 'sales' })
    const sales = sessionCookie(await call('POST', '/api/session', { body: { login: 'sales9', password: PASSWORD } }))
    const listed = async (c: string) =>
      ((await (await call('GET', '/api/tenants', { cookie: c })).json()) as { items: { code: string }[] }).items.map(
        (t) => t.code,
      )
    expect(await listed(sales)).toEqual([mine])
    expect(await listed(cookie)).toEqual(expect.arrayContaining([mine, theirs, tenant]))
    // The same answer, status, code and message shape, whether the tenant exists or not; only the code named differs.
    const answer = async (method: string, path: string, body?: unknown) => {
      const r = await call(method, path, { cookie: sales, ...(body === undefined ? {} : { body }) })
      const text = (await r.text()).replaceAll(theirs, 'T').replaceAll('nosuch', 'T')
      return [r.status, JSON.parse(text) as Record<string, unknown>] as const
    }
    const strip = ([status, body]: readonly [number, Record<string, unknown>]) => {
      const { requestId: _r, instance: _i, ...rest } = body
      return [status, rest]
    }
    for (const [method, path, body] of [
      ['GET', '/me'],
      ['GET', '/summary'],
      ['GET', '/customers'],
      ['POST', '/customers', { name: '探测公司' }],
      ['GET', '/classes'],
    ] as const) {
      const hidden = await answer(method, `/api/t/${theirs}${path}`, body)
      const missing = await answer(method, `/api/t/nosuch${path}`, body)
      expect(hidden[0], `${method} ${path}`).toBe(404)
      expect(strip(hidden), `${method} ${path}`).toEqual(strip(missing))
    }
    expect((await call('GET', `/api/t/${mine}/customers`, { cookie: sales })).status).toBe(200)
  })

  it('takes the client address from X-Forwarded-For only behind a trusted proxy, and sets Secure over HTTPS', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.9, 198.51.100.4', 'x-forwarded-proto': 'https' }
    await call('POST', '/api/session', { body: { login: 'chief', password: 'wrong again!' }, headers: forwarded })
    const r = await call('POST', '/api/session', {
      body: { login: 'chief', password: PASSWORD },
      headers: forwarded,
      via: proxied,
    })
    expect(r.headers.get('set-cookie')).toContain('; Secure')
    const log = await deps.store.read((tx) => tx.accessLog.list(3))
    expect(log.map((e) => [e.action, e.address])).toEqual([
      ['sign-in', '198.51.100.4'],
      ['sign-in.failed', null],
      ...log.slice(2).map((e) => [e.action, e.address]),
    ])
  })

  it('changes the own password, lists sessions, and signs out', async () => {
    const changed = await call('PUT', '/api/session/password', {
      cookie,
      body: { current: PASSWORD, next: 'a brand new password' },
    })
    expect(changed.status).toBe(204)
    const sessions = (await (await call('GET', '/api/sessions?login=chief', { cookie })).json()) as {
      items: { current: boolean }[]
    }
    expect(sessions.items.map((s) => s.current)).toEqual([true])
    const out = await call('DELETE', '/api/session', { cookie, headers: { 'x-kehu-request': '1' } })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/^kehu_session=; Max-Age=0/)
    expect((await call('GET', '/api/tenants', { cookie })).status).toBe(401)
  })
})
