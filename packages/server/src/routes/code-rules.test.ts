import { createCustomer, createNode, createTenant, type Deps, ensureLocalAdmin, forTenant } from '@kehu/app'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb, testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import type { KehuApp } from '../context.js'

describe.each(testKinds())('code-rule routes on %s', (kind) => {
  let db: TestDb
  let app: KehuApp
  let deps: Deps
  const tenant = `cr${Math.random().toString(36).slice(2, 7)}`
  beforeAll(async () => {
    db = await createTestDb(kind)
    deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    const actor = await ensureLocalAdmin(deps, 'test')
    const ctx = forTenant({ deps, actor, lang: 'zh-CN' }, tenant)
    await createTenant(ctx, { code: tenant, name: '编码路由' })
    for (const [scheme, code, name] of [
      ['type', 'RT', '零售'],
      ['type', 'WH', '批发'],
      ['region', 'BJ', '北京'],
    ] as const)
      await createNode(ctx, scheme, { code, name })
    await createCustomer(ctx, { name: '甲公司' })
    await createCustomer(ctx, { name: '乙公司' })
    app = createApp({ deps, actor, version: 'test', database: kind })
  })
  afterAll(() => db?.dispose())

  const call = (method: string, path: string, body?: unknown, lang = 'zh-CN') =>
    app.request(`/api/t/${tenant}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': lang },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  it('creates, lists, gets, changes and deletes rules', async () => {
    let r = await call('POST', '/code-rules', { name: '按类型', pattern: '{type}{serial:3}', mode: 'auto-editable' })
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ name: '按类型', pattern: '{type}{serial:3}', isDefault: false })
    r = await call('GET', '/code-rules')
    expect(((await r.json()) as { items: { name: string }[] }).items.map((i) => i.name)).toEqual(['默认规则', '按类型'])
    r = await call('GET', `/code-rules/${encodeURIComponent('按类型')}`)
    expect(r.status).toBe(200)
    r = await call('PATCH', `/code-rules/${encodeURIComponent('按类型')}`, { onClash: 'refuse' })
    expect(((await r.json()) as { onClash: string }).onClash).toBe('refuse')
    r = await call('DELETE', `/code-rules/${encodeURIComponent('按类型')}`)
    expect(r.status).toBe(204)
    r = await call('GET', `/code-rules/${encodeURIComponent('按类型')}`)
    expect(r.status).toBe(404)
    expect(r.headers.get('content-type')).toContain('application/problem+json')
  })

  it('refuses a bad rule with 400 problem+json listing every reason, in the asked language', async () => {
    let r = await call('POST', '/code-rules', { name: '月', pattern: '{date:yyyy}-{serial:5|per:date:yyyymm}' })
    expect(r.status).toBe(400)
    expect(r.headers.get('content-type')).toContain('application/problem+json')
    const zh = (await r.json()) as { code: string; issues: { code: string; message: string }[] }
    expect(zh.code).toBe('CODE_RULE_REFUSED')
    expect(zh.issues[0]).toMatchObject({ code: 'CODE_RULE_SCOPE_NOT_DETERMINED' })
    expect(zh.issues[0]?.message).toContain('流水依据')
    r = await call('POST', '/code-rules', { name: '月', pattern: '{date:yyyy}-{serial:5|per:date:yyyymm}' }, 'en')
    expect(((await r.json()) as { issues: { message: string }[] }).issues[0]?.message).toContain('counts per yyyymm')
    r = await call('POST', '/code-rules', { name: 42 })
    expect(r.status).toBe(400)
    expect(((await r.json()) as { code: string }).code).toBe('REQUEST_INVALID')
    r = await call('DELETE', `/code-rules/${encodeURIComponent('默认规则')}`)
    expect(r.status).toBe(409)
  })

  it('checks a pattern with the tenant and previews codes', async () => {
    let r = await call('POST', '/code-rules/check', { pattern: 'RT{serial:3}' })
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ accepted: true, against: 'tenant', capacity: 999 })
    r = await call('POST', '/code-rules/check', { pattern: '{serial:5|start:3}' })
    const c = (await r.json()) as { accepted: boolean; issues: { code: string; message: string }[] }
    expect(c.accepted).toBe(false)
    expect(c.issues[0]?.code).toBe('CODE_RULE_COLLISION')
    expect(c.issues[0]?.message).toContain('默认规则')
    r = await call('POST', '/code-rules/preview', {
      pattern: '{region}-{serial:5}',
      sample: { region: 'BJ' },
      count: 2,
    })
    expect(((await r.json()) as { items: { code: string }[] }).items.map((i) => i.code)).toEqual([
      'BJ-00001',
      'BJ-00002',
    ])
    r = await call('POST', '/code-rules/preview', { rule: '默认规则', count: 1 })
    expect(await r.json()).toMatchObject({ counter: 'stored', items: [{ code: '00003', taken: false }] })
    r = await call('POST', '/code-rules/preview', { pattern: '{region}-{serial:5}', sample: {} })
    expect(r.status).toBe(400)
    expect(((await r.json()) as { code: string }).code).toBe('CODE_FIELD_MISSING')
  })

  it('saves map tables, audits, reports capacity and re-codes', async () => {
    let r = await call('POST', '/code-maps', { name: '地区简称', entries: [{ value: '北京', short: 'BJ' }] })
    expect(r.status).toBe(201)
    r = await call('PUT', `/code-maps/${encodeURIComponent('地区简称')}`, {
      name: '地区简称',
      entries: [{ value: '北京', short: 'JING' }],
    })
    expect(r.status).toBe(200)
    r = await call('GET', '/code-maps')
    expect(((await r.json()) as { items: { entries: unknown[] }[] }).items[0]?.entries).toEqual([
      { value: '北京', short: 'JING' },
    ])
    r = await call('GET', '/codes/audit')
    expect(await r.json()).toMatchObject({ checked: 2, fixed: 0, findings: [] })
    r = await call('POST', '/codes/audit/fix')
    expect(r.status).toBe(202)
    r = await call('GET', '/codes/capacity')
    expect(((await r.json()) as { items: unknown[] }).items[0]).toMatchObject({
      rule: '默认规则',
      scope: '整条规则一个计数器',
      used: 2,
      next: 3,
      remaining: 99997,
      level: 'ok',
    })
    r = await call('POST', '/customers/00001/recode', { newCode: 'A-1' })
    expect(await r.json()).toMatchObject({ oldCode: '00001', newCode: 'A-1', version: 2 })
    r = await call('GET', '/codes/lookup/00001')
    expect(await r.json()).toMatchObject({ code: 'A-1', alias: true })
    r = await call('POST', '/customers/00002/recode', { newCode: '00001' })
    expect(r.status).toBe(409)
    r = await call('POST', '/customers/00002/recode', {})
    expect(r.status).toBe(400)
    r = await call('GET', '/codes/lookup/NOPE')
    expect(r.status).toBe(404)
  })

  it('documents the routes in OpenAPI', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> }
    for (const p of [
      '/api/t/{tenant}/code-rules',
      '/api/t/{tenant}/code-rules/check',
      '/api/t/{tenant}/code-rules/preview',
      '/api/t/{tenant}/code-maps/{name}',
      '/api/t/{tenant}/codes/audit',
      '/api/t/{tenant}/codes/capacity',
      '/api/t/{tenant}/customers/{id}/recode',
    ])
      expect(doc.paths[p], p).toBeDefined()
  })

  it('keeps `code` for the error code: the customer code has its own member; typed codes need consent', async () => {
    let r = await call('GET', '/codes/lookup/NOPE')
    expect(await r.json()).toMatchObject({ status: 404, code: 'CUSTOMER_NOT_FOUND', customerCode: 'NOPE' })
    r = await call('PATCH', `/code-rules/${encodeURIComponent('默认规则')}`, {
      pattern: '{type}{serial:3}',
      mode: 'auto-editable',
    })
    expect(r.status).toBe(200)
    r = await call('POST', '/customers', { name: '丙公司', type: 'RT' })
    const first = ((await r.json()) as { code: string }).code
    r = await call('POST', '/customers', { name: '丁公司', type: 'RT', code: first.toLowerCase() }, 'en')
    expect(r.status).toBe(409)
    const taken = (await r.json()) as Record<string, unknown>
    expect(taken).toMatchObject({ code: 'CODE_TAKEN', customerCode: first })
    expect(taken.detail).toContain(`The code ${first} is taken`)
    const suggestion = taken.suggestion as string
    r = await call('POST', '/customers/code-preview', { type: 'RT', code: first })
    expect(await r.json()).toMatchObject({ code: null, typed: 'taken', suggestion })
    r = await call('POST', '/customers', { name: '丁公司', type: 'RT', code: first, nextCodeIfTaken: true })
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ code: suggestion, codeReplaced: { requested: first, issued: suggestion } })
    r = await call('POST', '/customers', { name: '戊公司', type: 'RT', code: 'RT1' })
    expect(await r.json()).toMatchObject({ status: 400, code: 'CODE_OFF_RULE', issues: [{ path: ['code'] }] })
  })

  it('shows before saving which counters a new scope starts where', async () => {
    for (const name of ['己公司', '庚公司']) await call('POST', '/customers', { name, type: 'RT' })
    const r = await call('POST', '/code-rules/check', { pattern: '{type}{serial:3|per:none}', rule: '默认规则' })
    const body = (await r.json()) as { accepted: boolean; counters: { scopeKey: string; startsAt: number }[] }
    expect(body.accepted, JSON.stringify(body)).toBe(true)
    expect(body.counters).toEqual([{ scopeKey: '', from: 3, startsAt: 5, past: 'RT004', firstCode: 'RT005' }])
  })
})
