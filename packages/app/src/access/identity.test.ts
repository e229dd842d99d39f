// Users, sign-in, sessions, tokens and the actor they resolve to, on both databases.
import { type Actor, isAppError } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCustomer } from '../customers/create-customer.js'
import { type AppTest, failure, fixedClock, setupAppTest } from '../testing/app-test.js'
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js'
import { authenticateSession, authenticateToken } from './authenticate.js'
import { changeOwnPassword } from './change-password.js'
import { createUser } from './create-user.js'
import { grantRole, listRoles } from './memberships.js'
import { narrowTo, resolveActor } from './resolve-actor.js'
import { listSessions, revokeSession } from './sessions.js'
import { setUpFirstAdmin, signInInForce } from './set-up.js'
import { SESSION_IDLE_MS, SESSION_MAX_MS, signIn, signOut } from './sign-in.js'
import { updateUser } from './update-user.js'

const PASSWORD = 'correct horse battery'
const from = (address = '10.0.0.1') => ({ address, userAgent: 'test' })

describe.each(testKinds())('identity on %s', (kind) => {
  let t: AppTest
  const clock = fixedClock('2026-03-02T01:00:00.000Z')
  let n = 0
  // Every test has its own logins and address: the rate limits count per login and per address.
  const unique = (prefix: string) => `${prefix}${++n}`
  beforeAll(async () => {
    t = await setupAppTest(kind, clock)
  })
  afterAll(() => t?.dispose())

  const newUser = async (login = unique('u'), admin = false) => {
    await createUser(t.base, { login, password: PASSWORD, admin })
    return login
  }
  const log = (login: string) =>
    t.deps.store.read(async (tx) => (await tx.accessLog.list(100)).filter((e) => e.login === login))

  it('signs in with the right password, answers the session, and signs out', async () => {
    const login = await newUser(unique('Alice'))
    const s = await signIn(t.deps, { login: login.toUpperCase(), password: PASSWORD }, from())
    expect(s.user.login).toBe(login.toLowerCase())
    expect((await authenticateSession(t.deps, s.secret))?.user.id).toBe(s.user.id)
    await signOut(t.deps, s.secret)
    expect(await authenticateSession(t.deps, s.secret)).toBeUndefined()
    expect((await log(s.user.login)).map((e) => e.action).sort()).toEqual(['sign-in', 'sign-out', 'user.created'])
  })

  it('gives the same answer for a wrong password, an unknown login and a disabled user, and logs each', async () => {
    const login = await newUser()
    const disabled = await newUser()
    await updateUser(t.base, disabled, { enabled: false })
    const answers = await Promise.all(
      [
        { login, password: 'wrong password!' },
        { login: unique('nobody'), password: PASSWORD },
        { login: disabled, password: PASSWORD },
      ].map(async (input) => {
        const e = await failure(signIn(t.deps, input, from(unique('a'))))
        return [e.kind, e.code, e.text]
      }),
    )
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1)
    expect(answers[0]?.slice(0, 2)).toEqual(['unauthenticated', 'SIGN_IN_FAILED'])
    expect((await log(login)).map((e) => [e.action, e.data.reason])).toContainEqual([
      'sign-in.failed',
      'wrong-password',
    ])
  })

  // Each failure costs a scrypt check (on purpose): these two tests make 12 and 32 of them.
  it('locks a login after 5 failures for 15 minutes, an unknown login alike', { timeout: 120_000 }, async () => {
    const login = await newUser()
    const ghost = unique('ghost')
    for (let i = 0; i < 5; i++) {
      await failure(signIn(t.deps, { login, password: 'wrong password!' }, from(unique('a'))))
      await failure(signIn(t.deps, { login: ghost, password: 'wrong password!' }, from(unique('a'))))
    }
    const locked = await failure(signIn(t.deps, { login, password: PASSWORD }, from(unique('a'))))
    const ghostLocked = await failure(signIn(t.deps, { login: ghost, password: PASSWORD }, from(unique('a'))))
    expect([locked.kind, locked.code]).toEqual(['rate-limited', 'SIGN_IN_LIMITED'])
    expect([ghostLocked.code, ghostLocked.text]).toEqual([locked.code, locked.text])
    clock.set(new Date(clock.now().getTime() + 15 * 60_000 + 1000).toISOString())
    expect((await signIn(t.deps, { login, password: PASSWORD }, from(unique('a')))).user.login).toBe(login)
  })

  it('refuses an address after 30 failures for 15 minutes', { timeout: 120_000 }, async () => {
    const address = unique('addr')
    for (let i = 0; i < 30; i++)
      await failure(signIn(t.deps, { login: unique('x'), password: 'wrong password!' }, from(address)))
    const other = await newUser()
    expect((await failure(signIn(t.deps, { login: other, password: PASSWORD }, from(address)))).code).toBe(
      'SIGN_IN_LIMITED',
    )
    clock.set(new Date(clock.now().getTime() + 15 * 60_000 + 1000).toISOString())
    expect((await signIn(t.deps, { login: other, password: PASSWORD }, from(address))).user.login).toBe(other)
  })

  it('ends a session after 8 idle hours and 7 days after sign-in', async () => {
    const login = await newUser()
    const idle = await signIn(t.deps, { login, password: PASSWORD }, from())
    const start = clock.now().getTime()
    const at = (ms: number) => clock.set(new Date(start + ms).toISOString())
    at(SESSION_IDLE_MS - 60_000)
    expect(await authenticateSession(t.deps, idle.secret)).toBeDefined()
    at(2 * SESSION_IDLE_MS - 120_000) // still within 8 hours of the last request
    expect(await authenticateSession(t.deps, idle.secret)).toBeDefined()
    at(3 * SESSION_IDLE_MS)
    expect(await authenticateSession(t.deps, idle.secret)).toBeUndefined()

    const busy = await signIn(t.deps, { login, password: PASSWORD }, from())
    const begun = clock.now().getTime()
    for (let ms = SESSION_IDLE_MS / 2; ms < SESSION_MAX_MS; ms += SESSION_IDLE_MS / 2) {
      clock.set(new Date(begun + ms).toISOString())
      expect(await authenticateSession(t.deps, busy.secret)).toBeDefined()
    }
    clock.set(new Date(begun + SESSION_MAX_MS).toISOString())
    expect(await authenticateSession(t.deps, busy.secret)).toBeUndefined()
  })

  it('renews the session on sign-in: the cookie held before stops working', async () => {
    const login = await newUser()
    const first = await signIn(t.deps, { login, password: PASSWORD }, from())
    const second = await signIn(t.deps, { login, password: PASSWORD }, { ...from(), replaces: first.secret })
    expect(second.secret).not.toBe(first.secret)
    expect(await authenticateSession(t.deps, first.secret)).toBeUndefined()
    expect(await authenticateSession(t.deps, second.secret)).toBeDefined()
  })

  it('lists and revokes sessions; disabling a user or resetting the password ends them', async () => {
    const login = await newUser()
    const a = await signIn(t.deps, { login, password: PASSWORD }, from())
    const b = await signIn(t.deps, { login, password: PASSWORD }, from())
    expect((await listSessions(t.base, login)).map((s) => s.id).sort()).toEqual([a.session.id, b.session.id].sort())
    await revokeSession(t.base, a.session.id)
    expect(await authenticateSession(t.deps, a.secret)).toBeUndefined()
    expect(await authenticateSession(t.deps, b.secret)).toBeDefined()
    await updateUser(t.base, login, { password: 'another long password' })
    expect(await authenticateSession(t.deps, b.secret)).toBeUndefined()
    const c = await signIn(t.deps, { login, password: 'another long password' }, from())
    await updateUser(t.base, login, { enabled: false })
    expect(await authenticateSession(t.deps, c.secret)).toBeUndefined()
  })

  it('lets a user see and end only their own sessions without admin', async () => {
    const login = await newUser()
    const other = await newUser()
    const mine = await signIn(t.deps, { login, password: PASSWORD }, from())
    const theirs = await signIn(t.deps, { login: other, password: PASSWORD }, from())
    const me = { ...t.base, actor: await resolveActor(t.deps, mine.user.id) }
    expect((await listSessions(me, login)).map((s) => s.id)).toEqual([mine.session.id])
    expect((await failure(listSessions(me, other))).kind).toBe('forbidden')
    expect((await failure(revokeSession(me, theirs.session.id))).kind).toBe('forbidden')
    await revokeSession(me, mine.session.id)
    expect(await authenticateSession(t.deps, mine.secret)).toBeUndefined()
  })

  it('changes the own password with the current one and ends the other sessions', async () => {
    const login = await newUser()
    const here = await signIn(t.deps, { login, password: PASSWORD }, from())
    const elsewhere = await signIn(t.deps, { login, password: PASSWORD }, from())
    const actor = await resolveActor(t.deps, here.user.id)
    const wrong = await failure(changeOwnPassword(t.deps, actor, { current: 'not it at all', next: 'a new password' }))
    expect(wrong.issues.map((i) => i.path)).toEqual([['current']])
    const short = await failure(changeOwnPassword(t.deps, actor, { current: PASSWORD, next: 'short' }))
    expect(short.issues.map((i) => i.code)).toEqual(['USER_PASSWORD_LENGTH'])
    await changeOwnPassword(t.deps, actor, { current: PASSWORD, next: 'a new password' }, here.session.id)
    expect(await authenticateSession(t.deps, here.secret)).toBeDefined()
    expect(await authenticateSession(t.deps, elsewhere.secret)).toBeUndefined()
    await failure(signIn(t.deps, { login, password: PASSWORD }, from(unique('a'))))
    expect((await signIn(t.deps, { login, password: 'a new password' }, from())).user.login).toBe(login)
  })

  it('resolves the actor from the roles in each tenant; a global administrator may do everything', async () => {
    const tenant = await t.newTenant()
    const other = await t.newTenant()
    expect((await listRoles(t.ctx(tenant))).map((r) => [r.code, r.name, r.builtIn])).toEqual([
      ['admin', '管理员', true],
      ['clerk', '建档员', true],
      ['readonly', '只读', true],
      ['sales', '业务员', true],
    ])
    const login = await newUser()
    const user = await t.deps.store.read((tx) => tx.users.byLogin(login))
    await grantRole(t.ctx(tenant), { login, role: '业务员' })
    await grantRole(t.ctx(tenant), { login, role: 'readonly' })
    const inTenant = await resolveActor(t.deps, user!.id, tenant)
    expect(inTenant.isAdmin).toBe(false)
    expect([...(inTenant.permissions as Set<string>)].sort()).toEqual(
      [
        'class:read',
        'code-rule:read',
        'customer:create',
        'customer:edit',
        'customer:read',
        'dimension:read',
        'tenant:read',
      ].sort(),
    )
    // A tenant without a role there is "not found", like a missing one: no existence leak.
    await expect(resolveActor(t.deps, user!.id, other)).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' })
    await expect(resolveActor(t.deps, user!.id, 'no-such-tenant')).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' })
    expect([...((await resolveActor(t.deps, user!.id)).permissions as Set<string>)]).toContain('customer:create')
    const admin = await newUser(unique('boss'), true)
    const adminUser = await t.deps.store.read((tx) => tx.users.byLogin(admin))
    expect(await resolveActor(t.deps, adminUser!.id, other)).toMatchObject({ isAdmin: true, permissions: 'all' })
  })

  it('a token without customer:create cannot create; it works until revoked or expired', async () => {
    const tenant = await t.newTenant()
    const login = await newUser(unique('robot'), true)
    const reader = await createApiToken(t.base, { name: 'erp', login, scopes: ['customer:read'] })
    expect(reader.secret).toMatch(/^kehu_[\w-]{43}$/)
    const found = await authenticateToken(t.deps, reader.secret)
    expect(found?.token.id).toBe(reader.id)
    const actor: Actor = narrowTo(await resolveActor(t.deps, found!.user.id, tenant), found!.token.scopes)
    const e = await failure(createCustomer({ ...t.ctx(tenant), actor }, { name: '令牌测试有限公司' }))
    expect([e.kind, e.code, e.details?.permission]).toEqual(['forbidden', 'ACCESS_DENIED', 'customer:create'])

    const writer = await createApiToken(t.base, { name: 'crm', login, scopes: ['customer:create'] })
    const w = await authenticateToken(t.deps, writer.secret)
    const writerActor = narrowTo(await resolveActor(t.deps, w!.user.id, tenant), w!.token.scopes)
    expect(
      (await createCustomer({ ...t.ctx(tenant), actor: writerActor }, { name: '令牌测试有限公司' })).customer.name,
    ).toBe('令牌测试有限公司')
    expect((await listApiTokens(t.base, login)).map((x) => [x.name, x.lastUsedAt !== null])).toEqual([
      ['erp', true],
      ['crm', true],
    ])
    await revokeApiToken(t.base, reader.id)
    expect(await authenticateToken(t.deps, reader.secret)).toBeUndefined()
    const soon = await createApiToken(t.base, {
      name: 'soon',
      login,
      expiresAt: new Date(clock.now().getTime() + 60_000).toISOString(),
    })
    clock.set(new Date(clock.now().getTime() + 61_000).toISOString())
    expect(await authenticateToken(t.deps, soon.secret)).toBeUndefined()
    expect(await authenticateToken(t.deps, 'kehu_not-a-token')).toBeUndefined()
    const past = await failure(createApiToken(t.base, { name: 'old', login, expiresAt: '2020-01-01' }))
    expect(past.code).toBe('TOKEN_EXPIRY_INVALID')
  })

  it('refuses a login taken, a bad login and a short password, naming the fields', async () => {
    const login = await newUser()
    expect((await failure(createUser(t.base, { login: login.toUpperCase() }))).code).toBe('USER_EXISTS')
    const bad = await failure(createUser(t.base, { login: ' -x', password: 'short' }))
    expect(bad.issues.map((i) => [i.path, i.code])).toEqual([
      [['login'], 'USER_LOGIN_FORMAT'],
      [['password'], 'USER_PASSWORD_LENGTH'],
    ])
  })
})

describe.each(testKinds())('the first administrator on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind)
  })
  afterAll(() => t?.dispose())

  it('is set up once, signed in, and then sign-in is in force', async () => {
    expect(await signInInForce(t.deps)).toBe(false)
    const s = await setUpFirstAdmin(t.deps, { login: 'chief', password: PASSWORD }, from())
    expect(s.user).toMatchObject({ login: 'chief', isAdmin: true })
    expect(await signInInForce(t.deps)).toBe(true)
    const again = await setUpFirstAdmin(t.deps, { login: 'other', password: PASSWORD }, from()).catch((e) => e)
    expect(isAppError(again) && [again.kind, again.code]).toEqual(['conflict', 'SETUP_DONE'])
  })
})
