// The audit log over HTTP: the search, paging, bad queries as problem+json, token use, and unlocking a login.
import { type Deps, ensureLocalAdmin } from '@kehu/app'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb, testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import type { KehuApp } from '../context.js'

const PASSWORD = 'correct horse battery'

describe.each(testKinds())('audit routes on %s', (kind) => {
  let db: TestDb
  let app: KehuApp
  const tenant = `aud${Math.random().toString(36).slice(2, 7)}`
  beforeAll(async () => {
    db = await createTestDb(kind)
    const deps: Deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    app = createApp({ deps, actor: await ensureLocalAdmin(deps, 'test'), version: 'test', database: kind })
  })
  afterAll(() => db?.dispose())

  const call = async (method: string, path: string, o: { body?: unknown; headers?: Record<string, string> } = {}) => {
    const r = await app.request(`http://localhost${path}`, {
      method,
      headers: {
        ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { origin: 'http://localhost', 'x-kehu-request': '1' }),
        ...o.headers,
      },
      ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
    })
    return { status: r.status, body: (await r.json()) as Record<string, unknown>, cookie: r.headers.get('set-cookie') }
  }
  type Page = { items: { action: string; subject: string | null; changes: unknown[] }[]; nextCursor: string | null }

  it('pages through the tenant’s events newest first; a bad query is a problem naming the field', async () => {
    expect((await call('POST', '/api/tenants', { body: { code: tenant, name: '审计测试' } })).status).toBe(201)
    for (const name of ['审计甲有限公司', '审计乙有限公司'])
      expect((await call('POST', `/api/t/${tenant}/customers`, { body: { name } })).status).toBe(201)
    const first = (await call('GET', `/api/t/${tenant}/audit?action=customer.created&limit=1`)).body as Page
    expect(first.items.map((e) => e.action)).toEqual(['customer.created'])
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = (
      await call('GET', `/api/t/${tenant}/audit?action=customer.created&limit=1&cursor=${first.nextCursor}`)
    ).body as Page
    expect(second.items).toHaveLength(1)
    expect(second.items[0]?.subject).not.toBe(first.items[0]?.subject)
    const all = (await call('GET', `/api/t/${tenant}/audit`)).body as Page
    expect(all.items.map((e) => e.action)).toEqual(['customer.created', 'customer.created', 'tenant.created'])
    expect(all.nextCursor).toBeNull()

    const bad = await call('GET', `/api/t/${tenant}/audit?from=yesterday&limit=0`, {
      headers: { 'accept-language': 'en' },
    })
    expect(bad.status).toBe(400)
    const paths = (bad.body.issues as { path: string[]; message: string }[]).map((i) => [i.path, i.message])
    expect(paths.map(([p]) => p)).toEqual(expect.arrayContaining([['from'], ['limit']]))
    expect(JSON.stringify(paths)).toMatch(/From|Page size/)
    const cursor = await call('GET', `/api/t/${tenant}/audit?cursor=abc`)
    expect([cursor.status, cursor.body.code]).toEqual([400, 'AUDIT_CURSOR_INVALID'])
  })

  it('records token use, and an administrator unlocks a locked login', { timeout: 120_000 }, async () => {
    const made = await call('POST', '/api/users', { body: { login: 'boss', password: PASSWORD, admin: true } })
    expect(made.status).toBe(201)
    const signIn = (login: string, password = PASSWORD) => call('POST', '/api/session', { body: { login, password } })
    const cookie = ((await signIn('boss')).cookie ?? '').split(';')[0] as string
    // sign-in is in force from the first password on: the next user comes from the signed-in administrator
    expect((await call('POST', '/api/users', { body: { login: 'clerk', password: PASSWORD } })).status).toBe(401)
    const clerkMade = await call('POST', '/api/users', {
      body: { login: 'clerk', password: PASSWORD },
      headers: { cookie },
    })
    expect(clerkMade.status).toBe(201)
    const token = (await call('POST', '/api/tokens', { body: { name: 'erp', login: 'boss' }, headers: { cookie } }))
      .body as { secret: string }
    expect(
      (await call('GET', `/api/t/${tenant}/customers`, { headers: { authorization: `Bearer ${token.secret}` } }))
        .status,
    ).toBe(200)

    for (let i = 0; i < 5; i++) expect((await signIn('clerk', 'wrong password!')).status).toBe(401)
    expect((await signIn('clerk')).status).toBe(429)
    const bossCookie = ((await signIn('boss')).cookie ?? '').split(';')[0] as string
    const unlocked = await call('POST', '/api/users/CLERK/unlock', { headers: { cookie: bossCookie } })
    expect([unlocked.status, unlocked.body]).toEqual([200, { login: 'clerk', wasLocked: true, failuresCleared: 5 }])
    const clerk = await signIn('clerk')
    expect(clerk.status).toBe(200)
    const asClerk = { cookie: (clerk.cookie ?? '').split(';')[0] as string }
    expect((await call('POST', '/api/users/boss/unlock', { headers: asClerk })).status).toBe(403)
    // The clerk holds no role in the tenant: it answers 404 like a missing one (no existence leak).
    expect((await call('GET', `/api/t/${tenant}/audit`, { headers: asClerk })).status).toBe(404)

    const log = (await call('GET', `/api/t/${tenant}/audit?limit=200`, { headers: { cookie: bossCookie } }))
      .body as Page
    const actions = log.items.map((e) => `${e.action} ${e.subject}`)
    expect(actions).toEqual(
      expect.arrayContaining([
        'token.used erp',
        'sign-in.unlocked clerk',
        'sign-in.limited clerk',
        'sign-in.failed clerk',
        'sign-in boss',
        'token.created erp',
        'user.created clerk',
      ]),
    )
  })
})
