// Roles and field permissions over HTTP, on both databases: the permission list, custom roles, and a 业务员's
// token seeing masked sensitive fields and refused when it sets one.
import { createApiToken, createCustomer, createUser, grantRole, revokeRole } from '@kehu/app'
import { PERMISSIONS } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ServerTest, setupServerTest } from '../testing/server-test.js'

type Json = Record<string, unknown> & { code?: string; items?: Json[]; detail?: string; issues?: Json[] }

describe.each(testKinds())('role routes on %s', (kind) => {
  let s: ServerTest
  let admin = ''
  let sales = ''
  let code = ''
  beforeAll(async () => {
    s = await setupServerTest(kind)
    for (const [login, isAdmin] of [
      ['boss', true],
      ['seller', false],
    ] as const)
      await createUser({ ...s.ctx }, { login, password: 'correct horse battery', admin: isAdmin })
    await grantRole(s.ctx, { login: 'seller', role: '业务员' })
    admin = (await createApiToken(s.ctx, { name: 'admin', login: 'boss' })).secret
    sales = (await createApiToken(s.ctx, { name: 'sales', login: 'seller' })).secret
    code = (
      await createCustomer(s.ctx, {
        name: '福州华信科技有限公司',
        phone: '13812345678',
        email: 'zhang@example.com',
        bankAccount: '6222020000001234',
        creditLimit: '5000.00',
      })
    ).customer.code
  })
  afterAll(() => s?.dispose())

  const call = async (token: string, method: string, path: string, body?: unknown, lang = 'zh-CN') => {
    const r = await s.app.request(`http://localhost${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'accept-language': lang,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'PATCH' ? { 'if-match': '"v1"' } : {}),
        // A body-less change names itself as kehu's (the edge's CSRF rule).
        ...(method === 'DELETE' ? { 'x-kehu-request': '1' } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: r.status, body: (r.status === 204 ? {} : await r.json()) as Json }
  }

  it('lists every permission with its labels', async () => {
    const r = await call(sales, 'GET', '/api/permissions')
    expect(r.status).toBe(200)
    expect(r.body.items!.map((p) => p.key)).toEqual([...PERMISSIONS])
    expect(r.body.items!.find((p) => p.key === 'customer:read')).toEqual({
      key: 'customer:read',
      label: { zh: '查看客户', en: 'View customers' },
    })
  })

  it('creates, lists, changes and deletes a custom role; built-in and held roles are refused', async () => {
    const base = `/api/t/${s.tenant}/roles`
    const made = await call(admin, 'POST', base, {
      code: 'region-mgr',
      name: '区域经理',
      permissions: ['customer:read', 'customer:edit'],
    })
    expect(made).toEqual({
      status: 201,
      body: { code: 'region-mgr', name: '区域经理', builtIn: false, permissions: ['customer:read', 'customer:edit'] },
    })
    const list = await call(sales, 'GET', base)
    expect(list.body.items!.map((r) => [r.code, r.builtIn])).toEqual([
      ['admin', true],
      ['clerk', true],
      ['readonly', true],
      ['sales', true],
      ['region-mgr', false],
    ])
    expect((await call(sales, 'POST', base, { code: 'x', name: 'x', permissions: [] })).status).toBe(403)

    const builtIn = await call(admin, 'PATCH', `${base}/sales`, { permissions: ['customer:read'] })
    expect([builtIn.status, builtIn.body.code]).toEqual([409, 'ROLE_BUILT_IN'])
    const bad = await call(admin, 'PATCH', `${base}/region-mgr`, { permissions: ['customer:fly'] }, 'en')
    expect([bad.status, bad.body.issues]).toEqual([
      400,
      [
        {
          path: ['permissions', 0],
          label: 'Permissions › item 1',
          code: 'ROLE_PERMISSION_UNKNOWN',
          message: 'Unknown permission customer:fly',
        },
      ],
    ])
    const changed = await call(admin, 'PATCH', `${base}/region-mgr`, { name: '大区经理' })
    expect([changed.status, changed.body.name]).toEqual([200, '大区经理'])

    await grantRole(s.ctx, { login: 'seller', role: 'region-mgr' })
    const held = await call(admin, 'DELETE', `${base}/region-mgr`)
    expect([held.status, held.body.code]).toEqual([409, 'ROLE_IN_USE'])
    expect((await call(admin, 'DELETE', `${base}/sales`)).body.code).toBe('ROLE_BUILT_IN')
    await revokeRole(s.ctx, { login: 'seller', role: 'region-mgr' })
    expect((await call(admin, 'DELETE', `${base}/region-mgr`)).status).toBe(204)
    expect((await call(admin, 'DELETE', `${base}/region-mgr`)).status).toBe(404)
  })

  it('masks sensitive fields for 业务员 in detail, list, history and code look-up; 管理员 sees them', async () => {
    const detail = await call(sales, 'GET', `/api/t/${s.tenant}/customers/${code}`)
    expect(detail.body).toMatchObject({
      phone: '138****5678',
      email: 'z***@example.com',
      bankAccount: '6222****1234',
      creditLimit: null,
      masked: ['uscc', 'phone', 'email', 'bankAccount', 'taxNumber', 'creditLimit'],
    })
    const list = await call(sales, 'GET', `/api/t/${s.tenant}/customers?q=${encodeURIComponent('福州华信')}`)
    expect(list.body.items![0]).toMatchObject({ phone: '138****5678', creditLimit: null })
    const history = await call(sales, 'GET', `/api/t/${s.tenant}/customers/${code}/history`)
    const body = JSON.stringify(history.body)
    for (const secret of ['13812345678', 'zhang@', '6222020000001234', '5000.00']) expect(body).not.toContain(secret)
    expect(body).toContain('"masked":true')
    expect(await call(admin, 'GET', `/api/t/${s.tenant}/customers/${code}`)).toMatchObject({
      body: { phone: '13812345678', creditLimit: '5000.00', masked: [] },
    })
  })

  it('refuses 业务员 setting a sensitive field with 403 naming it, and keeps the stored value on an echo', async () => {
    const path = `/api/t/${s.tenant}/customers/${code}`
    const refused = await call(sales, 'PATCH', path, { phone: '13900000000' })
    expect([refused.status, refused.body.code]).toEqual([403, 'CUSTOMER_SENSITIVE_FIELD'])
    expect(refused.body.detail).toContain('电话')
    expect(refused.body.issues![0]).toMatchObject({ path: ['phone'], label: '电话' })
    const echoed = await call(sales, 'PATCH', path, { phone: '138****5678', creditLimit: null, remarks: '回访' })
    expect([echoed.status, echoed.body.changes]).toEqual([200, { remarks: { before: null, after: '回访' } }])
    expect((await call(admin, 'GET', path)).body).toMatchObject({ phone: '13812345678', creditLimit: '5000.00' })
  })
})
