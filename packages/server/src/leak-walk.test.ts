// The leak walk (issue 16, "It shows"; docs/decisions/0027-data-scopes.md): a 业务员 restricted to class subtree 01,
// without customer:sensitive, calls every route of the OpenAPI document — a route this table does not cover fails
// the test — and never gets a customer outside 01, a count that includes one, or an unmasked sensitive value.
import {
  createApiToken,
  createCustomer,
  createNode,
  createTenant,
  createUser,
  type Deps,
  ensureLocalAdmin,
  findCustomers,
  forTenant,
  setMember,
} from '@kehu/app'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb, testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from './app.js'
import type { KehuApp } from './context.js'

interface Call {
  path: Record<string, string>
  query?: Record<string, string>
  body?: unknown
  /** The status the walker must get, when it matters (404 for a hidden customer). */
  status?: number
}

describe.each(testKinds())('leak walk on %s', (kind) => {
  let db: TestDb
  let deps: Deps
  let app: KehuApp
  let bearer = ''
  const tenant = `leak${Math.random().toString(36).slice(2, 6)}`
  const hidden = {
    name: '乙隐秘贸易有限公司',
    phone: '13912345678',
    uscc: '91350100M000100Y43',
    email: 'yin@hidden.example',
    code: '',
    id: '',
  }
  const shown = {
    name: '甲公开科技有限公司',
    phone: '13812345678',
    uscc: '91310000MA1FL4B24G',
    email: 'jia@shown.example',
    code: '',
    id: '',
  }
  const SHOWN_TAX = '110105999988887777'
  const SHOWN_BANK = '6222020200112233445'
  beforeAll(async () => {
    db = await createTestDb(kind)
    deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    const actor = await ensureLocalAdmin(deps, 'test')
    const base = { deps, actor, lang: 'zh-CN' as const }
    app = createApp({ deps, actor, version: 'test', database: kind })
    await createTenant(base, { code: tenant, name: '泄漏检查' })
    const admin = forTenant(base, tenant)
    const ids: Record<string, string> = {}
    for (const [code, parentCode] of [
      ['01', undefined],
      ['01001', '01'],
      ['010010001', '01001'],
      ['02', undefined],
      ['02001', '02'],
      ['020010001', '02001'],
    ] as const)
      ids[code] = (
        await createNode(admin, 'class', { code, name: `分类${code}`, ...(parentCode ? { parentCode } : {}) })
      ).id
    const h = await createCustomer(admin, {
      name: hidden.name,
      phone: hidden.phone,
      uscc: hidden.uscc,
      email: hidden.email,
      class: '020010001',
    })
    Object.assign(hidden, { code: h.customer.code, id: h.customer.id })
    const s = await createCustomer(admin, {
      name: shown.name,
      phone: shown.phone,
      uscc: shown.uscc,
      email: shown.email,
      taxNumber: SHOWN_TAX,
      bankAccount: SHOWN_BANK,
      creditLimit: 1234567.89,
      class: '010010001',
    } as never)
    Object.assign(shown, { code: s.customer.code, id: s.customer.id })
    await createUser(base, { login: 'walker', password: 'correct horse battery' })
    await setMember(admin, 'walker', {
      roles: ['业务员'],
      scopes: [{ kind: 'node', nodeId: ids['01'] as string, subtree: true }],
    })
    bearer = (await createApiToken(base, { name: 'walk', login: 'walker' })).secret
  })
  afterAll(() => db?.dispose())

  const T = () => ({ tenant })
  const H = () => ({ tenant, id: hidden.code })
  /** One or more calls per route; every route of the OpenAPI document must be here. */
  const CALLS: Record<string, () => Call[]> = {
    'GET /api/health': () => [{ path: {} }],
    'GET /api/tenants': () => [{ path: {} }],
    'POST /api/tenants': () => [{ path: {}, body: { code: 'leak2', name: '另一账套' } }],
    'GET /api/t/{tenant}/summary': () => [{ path: T() }],
    'GET /api/session': () => [{ path: {} }],
    'POST /api/session': () => [{ path: {}, body: { login: 'walker', password: 'wrong password!' } }],
    'DELETE /api/session': () => [{ path: {} }],
    'PUT /api/session/password': () => [
      { path: {}, body: { current: 'wrong password!', password: 'another long one' } },
    ],
    'POST /api/setup': () => [{ path: {}, body: { login: 'x', password: 'correct horse battery' } }],
    'GET /api/t/{tenant}/me': () => [{ path: T() }],
    'GET /api/users': () => [{ path: {} }],
    'POST /api/users': () => [{ path: {}, body: { login: 'nobody' } }],
    'PATCH /api/users/{login}': () => [{ path: { login: 'walker' }, body: { admin: true } }],
    'POST /api/users/{login}/unlock': () => [{ path: { login: 'walker' }, status: 403 }],
    // 业务员 has no audit:read (the audit page's scope filter is tested in app/src/audit-log)
    'GET /api/t/{tenant}/audit': () => [
      { path: T(), status: 403 },
      { path: T(), query: { customer: hidden.code }, status: 403 },
    ],
    // 业务员 may neither export nor import (the export's scopes and masks: app/src/transfer/export-customers.test.ts)
    'GET /api/t/{tenant}/customers/export': () => [{ path: T(), query: { format: 'csv', class: '02' }, status: 403 }],
    'GET /api/t/{tenant}/import-template': () => [{ path: T(), status: 403 }],
    'GET /api/sessions': () => [{ path: {} }],
    'DELETE /api/sessions/{id}': () => [{ path: { id: 'none' } }],
    'GET /api/tokens': () => [{ path: {} }],
    'POST /api/tokens': () => [{ path: {}, body: { name: 'second', login: 'walker' } }],
    'DELETE /api/tokens/{id}': () => [{ path: { id: 'none' } }],
    'GET /api/permissions': () => [{ path: {} }],
    'GET /api/t/{tenant}/roles': () => [{ path: T() }],
    'POST /api/t/{tenant}/roles': () => [{ path: T(), body: { code: 'x', name: 'x', permissions: [] } }],
    'PATCH /api/t/{tenant}/roles/{code}': () => [{ path: { tenant, code: 'sales' }, body: { name: 'x' } }],
    'DELETE /api/t/{tenant}/roles/{code}': () => [{ path: { tenant, code: 'sales' } }],
    'GET /api/t/{tenant}/members': () => [{ path: T() }],
    'PUT /api/t/{tenant}/members/{login}': () => [
      { path: { tenant, login: 'walker' }, body: { roles: ['sales'], scopes: [] } },
    ],
    'POST /api/t/{tenant}/customers': () => [
      { path: T(), body: { name: '界外新公司', class: '020010001' } },
      { path: T(), body: { name: '挂靠公司', class: '010010001', headOffice: hidden.code } },
    ],
    'GET /api/t/{tenant}/customers': () => [
      { path: T() },
      { path: T(), query: { q: '乙隐秘' } },
      { path: T(), query: { q: hidden.phone } },
      { path: T(), query: { q: hidden.code } },
    ],
    'POST /api/t/{tenant}/customers/code-preview': () => [{ path: T(), body: { class: '010010001' } }],
    'GET /api/t/{tenant}/customers/{id}': () => [
      { path: H(), status: 404 },
      { path: { tenant, id: hidden.id }, status: 404 },
      { path: { tenant, id: shown.code }, status: 200 },
    ],
    'PATCH /api/t/{tenant}/customers/{id}': () => [{ path: H(), body: { remarks: 'x' }, status: 404 }],
    'DELETE /api/t/{tenant}/customers/{id}': () => [{ path: H() }],
    'POST /api/t/{tenant}/customers/{id}/disable': () => [{ path: H(), status: 404 }],
    'POST /api/t/{tenant}/customers/{id}/enable': () => [{ path: H(), status: 404 }],
    'POST /api/t/{tenant}/customers/{id}/archive': () => [{ path: H() }],
    'POST /api/t/{tenant}/customers/{id}/restore': () => [{ path: H() }],
    'GET /api/t/{tenant}/customers/{id}/history': () => [
      { path: H(), status: 404 },
      { path: { tenant, id: shown.code }, status: 200 },
    ],
    'POST /api/t/{tenant}/customers/{id}/recode': () => [{ path: H(), body: { reallocate: true }, status: 404 }],
    'GET /api/t/{tenant}/schemes': () => [{ path: T() }],
    'POST /api/t/{tenant}/schemes': () => [{ path: T(), body: { code: 'X', name: 'x' } }],
    'GET /api/t/{tenant}/schemes/{scheme}': () => [
      { path: { tenant, scheme: 'class' } },
      { path: { tenant, scheme: 'region' } },
    ],
    'PATCH /api/t/{tenant}/schemes/{scheme}': () => [{ path: { tenant, scheme: 'class' }, body: { name: 'x' } }],
    'POST /api/t/{tenant}/schemes/{scheme}/nodes': () => [
      { path: { tenant, scheme: 'class' }, body: { code: '03', name: 'x' } },
    ],
    'PATCH /api/t/{tenant}/schemes/{scheme}/nodes/{code}': () => [
      { path: { tenant, scheme: 'class', code: '020010001' }, body: { name: 'x' } },
    ],
    'DELETE /api/t/{tenant}/schemes/{scheme}/nodes/{code}': () => [
      { path: { tenant, scheme: 'class', code: '020010001' } },
    ],
    'POST /api/t/{tenant}/schemes/{scheme}/nodes/{code}/move': () => [
      { path: { tenant, scheme: 'class', code: '02001' }, body: { newParentCode: '01', preview: true } },
    ],
    'POST /api/t/{tenant}/schemes/{scheme}/nodes/{code}/merge': () => [
      { path: { tenant, scheme: 'class', code: '020010001' }, body: { into: '010010001', preview: true } },
    ],
    'POST /api/t/{tenant}/schemes/{scheme}/batch-assign': () => [
      { path: { tenant, scheme: 'class' }, body: { node: '010010001', customerIds: [hidden.code], preview: true } },
      { path: { tenant, scheme: 'class' }, body: { node: '010010001', customerIds: [hidden.code] } },
      { path: { tenant, scheme: 'class' }, body: { node: '010010001', filter: { all: [] }, preview: true } },
    ],
    'GET /api/t/{tenant}/schemes/{scheme}/rules': () => [{ path: { tenant, scheme: 'class' } }],
    'POST /api/t/{tenant}/schemes/{scheme}/rules': () => [{ path: { tenant, scheme: 'class' }, body: { name: 'x' } }],
    'PATCH /api/t/{tenant}/schemes/{scheme}/rules/{rule}': () => [
      { path: { tenant, scheme: 'class', rule: 'x' }, body: {} },
    ],
    'DELETE /api/t/{tenant}/schemes/{scheme}/rules/{rule}': () => [{ path: { tenant, scheme: 'class', rule: 'x' } }],
    'POST /api/t/{tenant}/schemes/{scheme}/reclassify': () => [
      { path: { tenant, scheme: 'class' }, body: { preview: true } },
    ],
    'GET /api/t/{tenant}/dimensions': () => [{ path: T() }],
    'POST /api/t/{tenant}/dimensions': () => [{ path: T(), body: { code: 'X', name: 'x' } }],
    'PATCH /api/t/{tenant}/dimensions/{code}': () => [{ path: { tenant, code: 'X' }, body: { name: 'x' } }],
    'DELETE /api/t/{tenant}/dimensions/{code}': () => [{ path: { tenant, code: 'X' } }],
    'POST /api/t/{tenant}/dimensions/{code}/attributes': () => [
      { path: { tenant, code: 'X' }, body: { code: 'A', name: 'a' } },
    ],
    'PATCH /api/t/{tenant}/attributes/{code}': () => [{ path: { tenant, code: 'A' }, body: { name: 'a' } }],
    'DELETE /api/t/{tenant}/attributes/{code}': () => [{ path: { tenant, code: 'A' } }],
    'POST /api/t/{tenant}/attributes/{code}/preview-change': () => [{ path: { tenant, code: 'A' }, body: {} }],
    'GET /api/t/{tenant}/attributes/{code}/incomplete': () => [{ path: { tenant, code: 'A' } }],
    'POST /api/t/{tenant}/attributes/{code}/fill': () => [{ path: { tenant, code: 'A' }, body: { value: 'x' } }],
    'GET /api/t/{tenant}/customer-form': () => [{ path: T() }],
    'GET /api/t/{tenant}/code-rules': () => [{ path: T() }],
    'POST /api/t/{tenant}/code-rules': () => [{ path: T(), body: { name: 'x', pattern: '{serial:3}' } }],
    'POST /api/t/{tenant}/code-rules/check': () => [{ path: T(), body: { pattern: '{serial:5}' } }],
    // A sample code equal to a hidden customer's would be marked taken: codes are unique in the tenant, so that
    // answer says a code is held, never by whom (ADR 0027); the walk previews a pattern of its own.
    'POST /api/t/{tenant}/code-rules/preview': () => [{ path: T(), body: { pattern: 'LW{serial:4}' } }],
    'GET /api/t/{tenant}/code-rules/{name}': () => [{ path: { tenant, name: 'x' } }],
    'PATCH /api/t/{tenant}/code-rules/{name}': () => [{ path: { tenant, name: 'x' }, body: {} }],
    'DELETE /api/t/{tenant}/code-rules/{name}': () => [{ path: { tenant, name: 'x' } }],
    'GET /api/t/{tenant}/code-maps': () => [{ path: T() }],
    'POST /api/t/{tenant}/code-maps': () => [{ path: T(), body: { name: 'x', entries: {} } }],
    'PUT /api/t/{tenant}/code-maps/{name}': () => [{ path: { tenant, name: 'x' }, body: { entries: {} } }],
    'GET /api/t/{tenant}/codes/audit': () => [{ path: T() }],
    'POST /api/t/{tenant}/codes/audit/fix': () => [{ path: T() }],
    'GET /api/t/{tenant}/codes/capacity': () => [{ path: T() }],
    'GET /api/t/{tenant}/codes/lookup/{code}': () => [{ path: { tenant, code: hidden.code }, status: 404 }],
    // Jobs carry counts, not customers; someone else's job is not found.
    'GET /api/t/{tenant}/jobs': () => [{ path: T() }],
    'GET /api/t/{tenant}/jobs/{id}': () => [{ path: { tenant, id: 'x' }, status: 404 }],
    'POST /api/t/{tenant}/jobs/{id}/cancel': () => [{ path: { tenant, id: 'x' }, status: 404 }],
    // 业务员 may not import (the import's own checks: app/src/transfer/import-engine.test.ts)
    // an upload is bytes, not JSON (400 before anything is kept); its permission: use-case-permissions.test.ts
    'POST /api/t/{tenant}/uploads': () => [{ path: T(), status: 400 }],
    'POST /api/t/{tenant}/imports': () => [{ path: T(), body: { uploadId: 'x' }, status: 403 }],
    'POST /api/t/{tenant}/imports/preview': () => [{ path: T(), body: { uploadId: 'x' }, status: 403 }],
    'GET /api/t/{tenant}/imports/{jobId}/error-file': () => [{ path: { tenant, jobId: 'x' }, status: 403 }],
    'GET /api/t/{tenant}/import-mappings': () => [{ path: T(), status: 403 }],
    'GET /api/t/{tenant}/import-mappings/{name}': () => [{ path: { tenant, name: 'x' }, status: 403 }],
    'PUT /api/t/{tenant}/import-mappings/{name}': () => [
      { path: { tenant, name: 'x' }, body: { columns: [{ index: 0, header: '名称', target: 'name' }] }, status: 403 },
    ],
    'DELETE /api/t/{tenant}/import-mappings/{name}': () => [{ path: { tenant, name: 'x' }, status: 403 }],
  }

  const fill = (template: string, params: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? k))

  /** Every string in a JSON value. */
  const strings = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []

  it('covers every route of the OpenAPI document and never shows a hidden customer, a count with one, or a sensitive value', async () => {
    const doc = (await (await app.request('http://localhost/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    )
    expect(routes.filter((r) => !(r in CALLS))).toEqual([])
    const problems: string[] = []
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string]
      for (const call of CALLS[route]?.() ?? []) {
        const url = `http://localhost${fill(template, call.path)}${call.query ? `?${new URLSearchParams(call.query)}` : ''}`
        const r = await app.request(url, {
          method,
          headers: {
            authorization: `Bearer ${bearer}`,
            'x-kehu-request': '1',
            ...(method === 'PATCH' ? { 'if-match': '"v1"' } : {}),
            ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        })
        const text = await r.text()
        const said = `${url} ${JSON.stringify(call.body ?? null)}`
        const where = `${route} ${JSON.stringify(call)} → ${r.status}`
        if (call.status !== undefined && r.status !== call.status) problems.push(`${where}: expected ${call.status}`)
        if (r.status >= 500) problems.push(`${where}: server error ${text.slice(0, 200)}`)
        let body: unknown = text
        try {
          body = JSON.parse(text)
        } catch {}
        // The hidden customer's identity and data, unless the walker typed it; the shown one's unmasked values.
        const secrets = [
          hidden.name,
          hidden.id,
          hidden.phone,
          hidden.uscc,
          hidden.email,
          shown.phone,
          shown.uscc,
          shown.email,
          SHOWN_TAX,
          SHOWN_BANK,
          '1234567.89',
          '123456789',
        ]
        for (const s of secrets) if (!said.includes(s) && text.includes(s)) problems.push(`${where}: shows ${s}`)
        if (!said.includes(hidden.code) && strings(body).includes(hidden.code))
          problems.push(`${where}: shows ${hidden.code}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('counts only the visible customers: list totals, the dashboard and the class tree', async () => {
    const get = async (path: string) =>
      (await (
        await app.request(`http://localhost${path}`, { headers: { authorization: `Bearer ${bearer}` } })
      ).json()) as Record<string, unknown>
    const admin = forTenant({ deps, actor: await ensureLocalAdmin(deps, 'test'), lang: 'zh-CN' }, tenant)
    const visible = (await findCustomers(admin, { limit: 500 })).items.filter((v) =>
      v.nodes.class?.code.startsWith('01'),
    ).length
    expect(visible).toBeGreaterThan(0)
    expect((await findCustomers(admin, {})).total).toBeGreaterThan(visible)
    expect((await get(`/api/t/${tenant}/customers`)).total).toBe(visible)
    expect((await get(`/api/t/${tenant}/summary`)).customers).toBe(visible)
    const tree = (await get(`/api/t/${tenant}/schemes/class`)) as { nodes: { code: string; customerCount: number }[] }
    expect(tree.nodes.every((n) => n.code.startsWith('01'))).toBe(true)
    expect(tree.nodes.reduce((s, n) => s + n.customerCount, 0)).toBe(visible)
  })
})
