import { OpenAPIHono } from '@hono/zod-openapi'
import { createNode, createTenant, type Deps, ensureLocalAdmin, forTenant } from '@kehu/app'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb, testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import type { Env, KehuApp } from '../context.js'
import { registerDimensionRoutes } from './dimensions.js'

describe.each(testKinds())('dimension routes on %s', (kind) => {
  let db: TestDb
  let app: KehuApp
  const tenant = `dim${Math.random().toString(36).slice(2, 7)}`
  beforeAll(async () => {
    db = await createTestDb(kind)
    const deps: Deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    const actor = await ensureLocalAdmin(deps, 'test')
    const ctx = forTenant({ deps, actor, lang: 'zh-CN' }, tenant)
    await createTenant(ctx, { code: tenant, name: '路由测试' })
    await createNode(ctx, 'class', { code: '01', name: '批发' })
    await createNode(ctx, 'class', { code: '02', name: '零售' })
    app = createApp({ deps, actor, version: 'test', database: kind })
  })
  afterAll(() => db?.dispose())

  const call = (method: string, path: string, body?: unknown, lang = 'zh-CN') =>
    app.request(`/api/t/${tenant}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': lang },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  it('creates, lists, edits and deletes dimensions and attributes', async () => {
    const appliesTo = { all: [{ field: 'class', op: 'under', value: '01' }] }
    let r = await call('POST', '/dimensions', { code: 'SALES', name: '销售维度', appliesTo })
    expect(r.status).toBe(201)
    r = await call('POST', '/dimensions/SALES/attributes', {
      code: 'SINCE',
      name: '合作日期',
      type: 'date',
      required: true,
      defaultValue: '2020-01-01',
    })
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ attribute: { code: 'SINCE', type: 'date' }, incomplete: 0 })
    r = await call('GET', '/attributes/SINCE/incomplete')
    expect(await r.json()).toEqual({ count: 0, customers: [] })
    r = await call('POST', '/attributes/SINCE/fill', { value: '2021-02-03', dryRun: true })
    expect(await r.json()).toEqual({ filled: 0, dryRun: true })
    r = await call('POST', '/dimensions/SALES/attributes', {
      code: 'LEVEL',
      name: '等级',
      type: 'single-choice',
      options: [{ code: 'A', label: '甲级' }],
    })
    expect(r.status).toBe(201)
    r = await call('GET', '/dimensions')
    const list = (await r.json()) as { items: { code: string; attributes: { code: string; held: number }[] }[] }
    expect(list.items.map((d) => [d.code, d.attributes.map((a) => a.code)])).toEqual([['SALES', ['SINCE', 'LEVEL']]])
    r = await call('GET', '/customer-form?class=01')
    expect(((await r.json()) as { sections: { code: string }[] }).sections.map((s) => s.code)).toEqual(['SALES'])
    r = await call('GET', '/customer-form?class=02')
    expect(await r.json()).toEqual({ sections: [] })
    r = await call('PATCH', '/dimensions/SALES', { name: '销售' })
    expect(((await r.json()) as { name: string }).name).toBe('销售')
    r = await call('POST', '/attributes/LEVEL/preview-change', { type: 'multi-choice' })
    expect(await r.json()).toMatchObject({ conflicts: [], held: 0, after: { type: 'multi-choice' } })
    r = await call('PATCH', '/attributes/LEVEL', { name: '客户等级' })
    expect(r.status).toBe(200)
    expect((await call('DELETE', '/attributes/LEVEL')).status).toBe(200)
    expect((await call('DELETE', '/dimensions/SALES')).status).toBe(204)
    expect(await (await call('GET', '/dimensions')).json()).toEqual({ items: [] })
  })

  it('answers bad input with problem+json naming every issue, in the asked language', async () => {
    await call('POST', '/dimensions', { code: 'D', name: '维度' })
    let r = await call(
      'POST',
      '/dimensions/D/attributes',
      { code: 'N', name: '数量', type: 'number', defaultValue: 'abc', constraints: { min: '9', max: '1' } },
      'en',
    )
    expect(r.status).toBe(400)
    expect(r.headers.get('content-type')).toContain('application/problem+json')
    const p = (await r.json()) as { code: string; detail: string; issues: { code: string; message: string }[] }
    expect(p.code).toBe('ATTR_DEF_INVALID')
    expect(p.detail).toBe('The attribute "数量" is not sound')
    expect(p.issues.map((i) => i.code)).toEqual(['ATTR_MIN_GREATER_THAN_MAX'])
    // A type the schema does not know, and an unknown field: the request schema refuses both.
    r = await call('POST', '/dimensions/D/attributes', { code: 'X', name: 'x', type: 'money', color: 'red' })
    expect(r.status).toBe(400)
    expect(((await r.json()) as { issues: unknown[] }).issues.length).toBe(2)
    r = await call('POST', '/dimensions/D/attributes', { code: 'R', name: '必填', type: 'text', required: true })
    expect(r.status).toBe(201)
    r = await call('POST', '/attributes/R/fill', { value: '' }, 'en')
    expect([r.status, ((await r.json()) as { issues: { message: string }[] }).issues[0]?.message]).toEqual([
      400,
      'Enter a value for "必填"',
    ])
    r = await call('PATCH', '/attributes/NOPE', { name: 'x' })
    expect([r.status, ((await r.json()) as { detail: string }).detail]).toEqual([404, '维度属性 NOPE 不存在'])
    r = await call('POST', '/dimensions', { code: 'D', name: '重复' })
    expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([409, 'DIMENSION_CODE_TAKEN'])
    r = await call('GET', '/customer-form?class=99')
    expect([r.status, ((await r.json()) as { issues: { code: string }[] }).issues[0]?.code]).toEqual([
      400,
      'CLASS_NOT_FOUND',
    ])
  })

  it('documents the routes in OpenAPI', () => {
    // Built from this group alone, so another group's schema cannot hide a problem of this one.
    const own = new OpenAPIHono<Env>()
    registerDimensionRoutes(own)
    const doc = own.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'kehu', version: 'test' } })
    expect(Object.keys(doc.paths ?? {})).toEqual(
      expect.arrayContaining([
        '/api/t/{tenant}/dimensions',
        '/api/t/{tenant}/dimensions/{code}',
        '/api/t/{tenant}/dimensions/{code}/attributes',
        '/api/t/{tenant}/attributes/{code}',
        '/api/t/{tenant}/attributes/{code}/preview-change',
        '/api/t/{tenant}/customer-form',
      ]),
    )
  })
})
