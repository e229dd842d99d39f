import { ensureLocalAdmin } from '@kehu/app'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from './app.js'
import type { KehuApp } from './context.js'
import { API_ERRORS } from './errors.js'

type ProblemCode = { enum: string[]; description: string }

describe('server shell', () => {
  let db: TestDb
  let app: KehuApp
  beforeAll(async () => {
    db = await createTestDb('sqlite')
    const deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    const actor = await ensureLocalAdmin(deps)
    app = createApp({ deps, actor, version: 'test', database: 'sqlite' })
  })
  afterAll(() => db?.dispose())

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })

  it('answers health with the database kind', async () => {
    const r = await app.request('/api/health')
    expect(r.status).toBe(200)
    expect(await r.json()).toEqual({ status: 'ok', version: 'test', database: 'sqlite' })
  })

  it('creates and lists tenants', async () => {
    const r = await post('/api/tenants', { code: 'acme', name: '顶点公司' })
    expect(r.status).toBe(201)
    const list = (await (await app.request('/api/tenants')).json()) as { items: { code: string; isDefault: boolean }[] }
    expect(list.items).toEqual([expect.objectContaining({ code: 'acme', isDefault: true })])
    const summary = await (await app.request('/api/t/acme/summary')).json()
    expect(summary).toMatchObject({
      customers: 0,
      codeRules: 1,
      schemes: expect.arrayContaining([expect.objectContaining({ code: 'class' })]),
    })
  })

  it('answers errors as problem+json in the asked language, every issue at once', async () => {
    const zh = await post('/api/tenants', { code: 'bad code', name: '' })
    expect(zh.status).toBe(400)
    expect(zh.headers.get('content-type')).toContain('application/problem+json')
    const body = (await zh.json()) as { code: string; detail: string; issues: { path: string[] }[] }
    expect(body.code).toBe('TENANT_INVALID')
    expect(body.detail).toBe('账套信息有误')
    expect(body.issues.map((i) => i.path[0])).toEqual(['code', 'name'])
    const en = await post('/api/tenants', { code: 'acme', name: 'x' }, { 'accept-language': 'en-US,en;q=0.9' })
    expect(en.status).toBe(409)
    expect(((await en.json()) as { detail: string }).detail).toBe('Tenant acme already exists')
    const schema = await post('/api/tenants', { code: 7 })
    expect(schema.status).toBe(400)
    expect(((await schema.json()) as { code: string }).code).toBe('REQUEST_INVALID')
  })

  it('answers unknown API paths and unknown tenants with 404 problems', async () => {
    const r = await app.request('/api/nope')
    expect(r.status).toBe(404)
    expect(((await r.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND')
    const t = await app.request('/api/t/ghost/summary', { headers: { 'accept-language': 'en' } })
    expect(t.status).toBe(404)
    expect(await t.json()).toMatchObject({ code: 'TENANT_NOT_FOUND', detail: 'Tenant ghost does not exist' })
  })

  it('refuses bodies over the limit with 413', async () => {
    const r = await post('/api/tenants', { code: 'big', name: 'x'.repeat(3 * 1024 * 1024) })
    expect(r.status).toBe(413)
    expect(((await r.json()) as { code: string }).code).toBe('REQUEST_TOO_LARGE')
  })

  it('documents itself: OpenAPI from the schemas and a local reference page with no CDN', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string
      paths: Record<string, unknown>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/tenants', '/api/t/{tenant}/summary']),
    )
    // every catalogued code an answer can carry is listed, with its status and meaning
    const problem = (doc as unknown as { components: { schemas: { Problem: { properties: { code: ProblemCode } } } } })
      .components.schemas.Problem.properties.code
    expect(problem.enum).toEqual(Object.keys(API_ERRORS))
    expect(problem.description).toContain('| `CODE_TAKEN` | 409 | The code is taken')
    expect(problem.description).toContain('| `REQUEST_HOST_NOT_ALLOWED` | 421 |')
    const page = await (await app.request('/api/docs')).text()
    expect(page).toContain('/api/docs/assets/swagger-ui-bundle.js')
    expect(page).not.toMatch(/https?:\/\//)
    const js = await app.request('/api/docs/assets/swagger-ui-bundle.js')
    expect(js.status).toBe(200)
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000)
  })
})
