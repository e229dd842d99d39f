// The audit page's search, token use and unlocking a sign-in lock, on both databases.
import type { Actor } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiToken } from '../access/api-tokens.js'
import { authenticateToken } from '../access/authenticate.js'
import { createUser } from '../access/create-user.js'
import { setMember } from '../access/members.js'
import { grantRole } from '../access/memberships.js'
import { resolveActor } from '../access/resolve-actor.js'
import { createRole } from '../access/roles.js'
import { signIn } from '../access/sign-in.js'
import { unlockSignIn } from '../access/unlock-sign-in.js'
import { createNode } from '../classification/create-node.js'
import { createCustomer } from '../customers/create-customer.js'
import { updateCustomer } from '../customers/update-customer.js'
import { type AppTest, failure, fixedClock, setupAppTest } from '../testing/app-test.js'
import { type AuditEntry, searchAuditLog } from './search-audit-log.js'

const PASSWORD = 'correct horse battery'
const from = (address: string) => ({ address, userAgent: 'test' })

describe.each(testKinds())('the audit log on %s', (kind) => {
  let t: AppTest
  const clock = fixedClock('2026-03-02T01:00:00.000Z')
  let n = 0
  const unique = (prefix: string) => `${prefix}${++n}`
  const tick = (ms = 1000) => clock.set(new Date(clock.now().getTime() + ms).toISOString())
  beforeAll(async () => {
    t = await setupAppTest(kind, clock)
  })
  afterAll(() => t?.dispose())

  /** A user who administers `tenant` (so holds audit:read there) without being a global administrator. */
  const tenantAdmin = async (tenant: string): Promise<Actor> => {
    const login = unique('auditor')
    await createUser(t.base, { login, password: PASSWORD })
    await grantRole(t.ctx(tenant), { login, role: 'admin' })
    const user = await t.deps.store.read((tx) => tx.users.byLogin(login))
    return resolveActor(t.deps, user?.id as string, tenant)
  }
  const all = async (tenant: string, actor: Actor = t.actor, q: Parameters<typeof searchAuditLog>[1] = {}) => {
    const out: AuditEntry[] = []
    let cursor: string | undefined
    do {
      const page = await searchAuditLog({ ...t.ctx(tenant), actor }, { ...q, cursor, limit: 3 })
      out.push(...page.items)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    return out
  }

  it('lists the tenant’s changes and its access events newest first, sign-ins only to a global administrator', async () => {
    const tenant = await t.newTenant()
    const other = await t.newTenant()
    tick()
    const login = unique('clerk')
    await createUser(t.base, { login, password: PASSWORD })
    tick()
    await grantRole(t.ctx(tenant), { login, role: '建档员' })
    await grantRole(t.ctx(other), { login, role: '建档员' })
    tick()
    await signIn(t.deps, { login, password: PASSWORD }, from('10.1.1.1'))
    tick()
    const { customer } = await createCustomer(t.ctx(tenant), { name: '北京审计测试有限公司', phone: '13812345678' })
    tick()
    await updateCustomer(t.ctx(tenant), customer.code, 1, { name: '北京审计测试科技有限公司' })
    tick()
    await createNode(t.ctx(other), 'class', { code: '01', name: '别的账套' })

    const admin = await all(tenant)
    expect(admin.map((e) => [e.log, e.action])).toEqual(
      expect.arrayContaining([
        ['change', 'customer.updated'],
        ['change', 'customer.created'],
        ['access', 'sign-in'],
        ['access', 'role.granted'],
        ['access', 'user.created'],
      ]),
    )
    expect(admin.map((e) => e.at)).toEqual([...admin.map((e) => e.at)].sort().reverse())
    expect(new Set(admin.map((e) => e.id)).size).toBe(admin.length)
    // the other tenant's change and its grant are not here
    expect(admin.filter((e) => e.action === 'class.created')).toEqual([])
    expect(admin.filter((e) => e.action === 'role.granted')).toHaveLength(1)

    const updated = admin.find((e) => e.action === 'customer.updated')
    expect(updated).toMatchObject({ subject: customer.code, entity: 'customer', actor: 'test' })
    expect(updated?.changes).toContainEqual({
      field: 'name',
      before: '北京审计测试有限公司',
      after: '北京审计测试科技有限公司',
    })
    expect(admin.find((e) => e.action === 'role.granted')).toMatchObject({
      subject: login,
      changes: [{ field: 'role', before: null, after: 'clerk' }],
    })

    // a tenant's own administrator sees its changes and access events, not the server's sign-ins and users
    const auditor = await tenantAdmin(tenant)
    const seen = await all(tenant, auditor)
    expect(seen.map((e) => e.action)).not.toContain('sign-in')
    expect(seen.map((e) => e.action)).not.toContain('user.created')
    expect(seen.map((e) => e.action)).toEqual(expect.arrayContaining(['customer.updated', 'role.granted']))
    const clerk = await t.deps.store.read((tx) => tx.users.byLogin(login))
    const denied = await failure(
      searchAuditLog({ ...t.ctx(tenant), actor: await resolveActor(t.deps, clerk?.id as string, tenant) }),
    )
    expect([denied.kind, denied.details?.permission]).toEqual(['forbidden', 'audit:read'])
  })

  it('filters by actor, action, customer and days of the tenant’s calendar; refuses what it cannot read', async () => {
    const tenant = await t.newTenant()
    clock.set('2026-04-01T15:30:00.000Z') // 23:30 on 1 April in Shanghai
    const a = (await createCustomer(t.ctx(tenant), { name: '上海甲有限公司' })).customer
    clock.set('2026-04-01T16:30:00.000Z') // 00:30 on 2 April in Shanghai
    const b = (
      await createCustomer(
        { ...t.ctx(tenant), actor: { ...t.actor, label: 'cli:root as Bob' } },
        { name: '上海乙有限公司' },
      )
    ).customer
    await updateCustomer(t.ctx(tenant), a.code, 1, { shortName: '甲' })

    const codes = async (q: Parameters<typeof searchAuditLog>[1]) =>
      (await all(tenant, t.actor, q)).map((e) => [e.action, e.subject])
    expect(await codes({ customer: a.code })).toEqual([
      ['customer.updated', a.code],
      ['customer.created', a.code],
    ])
    expect(await codes({ actor: 'bob' })).toEqual([['customer.created', b.code]])
    expect(await codes({ action: 'customer.updated' })).toEqual([['customer.updated', a.code]])
    expect(await codes({ from: '2026-04-02', action: 'customer.created' })).toEqual([['customer.created', b.code]])
    expect(await codes({ to: '2026-04-01', action: 'customer.created' })).toEqual([['customer.created', a.code]])
    expect(await codes({ from: '2026-04-01T16:00:00Z', to: '2026-04-01T17:00:00+00:00' })).toEqual([
      ['customer.updated', a.code],
      ['customer.created', b.code],
    ])
    // an access kind leaves the changes out, and a customer leaves the access log out
    expect(await codes({ action: 'sign-in', customer: a.code })).toEqual([])

    const unknown = await failure(searchAuditLog(t.ctx(tenant), { action: 'customer.eaten' }))
    expect([unknown.code, unknown.issues?.[0]?.path]).toEqual(['AUDIT_SEARCH_INVALID', ['action']])
    const badDay = await failure(searchAuditLog(t.ctx(tenant), { from: '1 April' }))
    expect(badDay.issues?.[0]?.path).toEqual(['from'])
    for (const cursor of ['nonsense', Buffer.from('2026-04-01T00:00:00.000Z|x').toString('base64url')]) {
      const bad = await failure(searchAuditLog(t.ctx(tenant), { cursor }))
      expect([bad.kind, bad.code]).toEqual(['invalid', 'AUDIT_CURSOR_INVALID'])
    }
    const gone = await failure(searchAuditLog(t.ctx(tenant), { customer: 'NO-SUCH' }))
    expect(gone.code).toBe('CUSTOMER_NOT_FOUND')
  })

  it('masks sensitive values for a caller without customer:sensitive, as the customer’s history does', async () => {
    const tenant = await t.newTenant()
    const { customer } = await createCustomer(t.ctx(tenant), { name: '广州掩码测试有限公司', phone: '13812345678' })
    await updateCustomer(t.ctx(tenant), customer.code, 1, { phone: '13987654321' })
    await createRole(t.ctx(tenant), { code: 'auditor', name: '审计员', permissions: ['audit:read', 'customer:read'] })
    const login = unique('reader')
    await createUser(t.base, { login, password: PASSWORD })
    await grantRole(t.ctx(tenant), { login, role: 'auditor' })
    const user = await t.deps.store.read((tx) => tx.users.byLogin(login))
    const auditor = await resolveActor(t.deps, user?.id as string, tenant)
    const phones = async (actor: Actor) =>
      (await all(tenant, actor, { customer: customer.code })).map((e) => e.changes.find((c) => c.field === 'phone'))
    expect(await phones(auditor)).toEqual([
      { field: 'phone', before: '138****5678', after: '139****4321', masked: true },
      { field: 'phone', before: null, after: '138****5678', masked: true },
    ])
    expect((await phones(await tenantAdmin(tenant))).map((c) => c?.after)).toEqual(['13987654321', '13812345678'])
  })

  it('leaves out events about customers outside the caller’s data scope; such a customer is not found', async () => {
    const tenant = await t.newTenant()
    const mine = await createNode(t.ctx(tenant), 'class', { code: '01', name: '可见' })
    await createNode(t.ctx(tenant), 'class', { code: '02', name: '不可见' })
    const seen = (await createCustomer(t.ctx(tenant), { name: '杭州可见有限公司', class: '01' })).customer
    const hidden = (await createCustomer(t.ctx(tenant), { name: '杭州不可见有限公司', class: '02' })).customer
    await createRole(t.ctx(tenant), { code: 'auditor', name: '审计员', permissions: ['audit:read', 'customer:read'] })
    const login = unique('scoped')
    await createUser(t.base, { login })
    await setMember(t.ctx(tenant), login, {
      roles: ['auditor'],
      scopes: [{ kind: 'node', nodeId: mine.id, subtree: true }],
    })
    const user = await t.deps.store.read((tx) => tx.users.byLogin(login))
    const scoped = await resolveActor(t.deps, user?.id as string, tenant)
    const subjects = (await all(tenant, scoped)).map((e) => `${e.action} ${e.subject}`)
    expect(subjects).toContain(`customer.created ${seen.code}`)
    expect(subjects.join('\n')).not.toContain(hidden.code)
    // configuration events and the tenant's access events stay: the member's own change is there
    expect(subjects).toEqual(expect.arrayContaining(['class.created 01', `member.updated ${login}`]))
    expect((await failure(searchAuditLog({ ...t.ctx(tenant), actor: scoped }, { customer: hidden.code }))).code).toBe(
      'CUSTOMER_NOT_FOUND',
    )
    expect((await all(tenant)).map((e) => e.subject)).toContain(hidden.code)
  })

  it('records a token’s use at most once a minute, with the tenant it called', async () => {
    const tenant = await t.newTenant()
    const login = unique('robot')
    await createUser(t.base, { login, password: PASSWORD, admin: true })
    const token = await createApiToken(t.base, { name: 'erp', login })
    const use = () => authenticateToken(t.deps, token.secret, { tenant, address: '10.9.9.9' })
    await use()
    tick(30_000)
    await use()
    tick(31_000)
    await use()
    await authenticateToken(t.deps, token.secret) // not yet a minute: nothing
    const used = (await all(tenant)).filter((e) => e.action === 'token.used')
    expect(used.map((e) => [e.subject, e.actor, e.address])).toEqual([
      ['erp', `${login}/token:erp`, '10.9.9.9'],
      ['erp', `${login}/token:erp`, '10.9.9.9'],
    ])
  })

  it('an administrator ends a sign-in lock early, and that is logged', { timeout: 120_000 }, async () => {
    const login = unique('locked')
    await createUser(t.base, { login, password: PASSWORD })
    for (let i = 0; i < 5; i++) await failure(signIn(t.deps, { login, password: 'wrong password!' }, from(unique('a'))))
    expect((await failure(signIn(t.deps, { login, password: PASSWORD }, from(unique('a'))))).code).toBe(
      'SIGN_IN_LIMITED',
    )
    const auditor = await tenantAdmin(await t.newTenant())
    expect((await failure(unlockSignIn({ ...t.base, actor: auditor }, login))).kind).toBe('forbidden')
    tick()
    expect(await unlockSignIn(t.base, login.toUpperCase())).toEqual({ login, wasLocked: true, failuresCleared: 5 })
    tick()
    expect((await signIn(t.deps, { login, password: PASSWORD }, from(unique('a')))).user.login).toBe(login)
    // the failures before the unlock no longer count; new ones lock again
    for (let i = 0; i < 5; i++) await failure(signIn(t.deps, { login, password: 'wrong password!' }, from(unique('a'))))
    expect((await failure(signIn(t.deps, { login, password: PASSWORD }, from(unique('a'))))).code).toBe(
      'SIGN_IN_LIMITED',
    )
    const logged = await t.deps.store.read(async (tx) =>
      (await tx.accessLog.list(500)).filter((e) => e.login === login),
    )
    expect(logged.find((e) => e.action === 'sign-in.unlocked')).toMatchObject({
      actor: 'test',
      data: { failuresCleared: 5 },
    })
    expect((await failure(unlockSignIn(t.base, 'nobody-here'))).code).toBe('USER_NOT_FOUND')
  })
})
