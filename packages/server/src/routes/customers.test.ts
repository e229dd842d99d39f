import {
  createAttribute,
  createDimension,
  createNode,
  createTenant,
  type Deps,
  ensureLocalAdmin,
  forTenant,
} from '@kehu/app'
import { fullPinyin } from '@kehu/core'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb, testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import type { KehuApp } from '../context.js'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in tests
type Json = Record<string, any>

describe.each(testKinds())('customer routes on %s', (kind) => {
  let db: TestDb
  let app: KehuApp
  const tenant = `cus${Math.random().toString(36).slice(2, 7)}`
  beforeAll(async () => {
    db = await createTestDb(kind)
    const deps: Deps = {
      store: createStore(db, { pinyinOf: (c) => fullPinyin(c.shortName || c.name) || null }),
      clock: systemClock,
      ids: uuidIds,
    }
    const actor = await ensureLocalAdmin(deps, 'test')
    const ctx = forTenant({ deps, actor, lang: 'zh-CN' }, tenant)
    await createTenant(ctx, { code: tenant, name: '客户路由测试' })
    for (const [scheme, code, name, parentCode] of [
      ['class', '01', '批发', null],
      ['class', '01001', '华北批发', '01'],
      ['class', '02', '零售', null],
      ['class', '02001', '门店', '02'],
      ['region', 'HB', '华北', null],
      ['region', 'HBBJ', '北京', 'HB'],
    ] as const)
      await createNode(ctx, scheme, { code, name, parentCode })
    await createDimension(ctx, {
      code: 'SALES',
      name: '销售维度',
      description: '',
      enabled: true,
      appliesTo: { all: [{ field: 'class', op: 'under', value: '02' }] },
    })
    await createAttribute(ctx, 'SALES', { code: 'STORES', name: '门店数', type: 'number' } as never)
    app = createApp({ deps, actor, version: 'test', database: kind })
  })
  afterAll(() => db?.dispose())

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(`/api/t/${tenant}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  const problem = async (r: Response, status: number, code: string) => {
    expect(r.status).toBe(status)
    expect(r.headers.get('content-type')).toContain('application/problem+json')
    const p = (await r.json()) as Json
    expect(p).toMatchObject({ status, code })
    expect(typeof p.detail).toBe('string')
    return p
  }

  it('creates with the rule code, ETag "v1" and a Location, and replays an idempotent retry', async () => {
    const body = {
      name: '北京华信科技有限公司',
      shortName: '华信科技',
      class: '01001',
      region: 'HBBJ',
      creditLimit: '1000',
    }
    const r = await call('POST', '/customers', body, { 'idempotency-key': 'k-1' })
    expect(r.status).toBe(201)
    expect(r.headers.get('etag')).toBe('"v1"')
    const c = (await r.json()) as Json
    expect(c).toMatchObject({
      code: '00001',
      class: '01001',
      region: 'HBBJ',
      mnemonic: 'HXKJ',
      creditLimit: '1000.00',
      status: 'active',
      version: 1,
    })
    expect(c.nodes.class).toEqual({
      code: '01001',
      name: '华北批发',
      path: [
        { code: '01', name: '批发' },
        { code: '01001', name: '华北批发' },
      ],
    })
    expect(c).not.toHaveProperty('tenantId')
    expect(c).not.toHaveProperty('creditLimitCents')
    expect(r.headers.get('location')).toBe(`/api/t/${tenant}/customers/00001`)
    const again = await call('POST', '/customers', body, { 'idempotency-key': 'k-1' })
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(((await again.json()) as Json).code).toBe('00001')
    const other = await call('POST', '/customers', { ...body, name: '别的公司' }, { 'idempotency-key': 'k-1' })
    await problem(other, 422, 'IDEMPOTENCY_KEY_REUSED')
    const next = await call('POST', '/customers', { name: '下一个', class: '01001' })
    expect(((await next.json()) as Json).code).toBe('00002')
  })

  it('refuses a bad USCC, a non-leaf class, a bad phone and an attribute type mismatch, all at once', async () => {
    const r = await call('POST', '/customers', {
      name: '有问题的公司',
      uscc: '91350100M000100Y44',
      class: '01',
      phone: '12',
    })
    const p = await problem(r, 400, 'CUSTOMER_INVALID')
    expect(p.issues.map((i: Json) => i.path[0]).sort()).toEqual(['class', 'phone', 'uscc'])
    expect(p.issues.find((i: Json) => i.path[0] === 'uscc').message).toMatch(/校验/)
    const attr = await call('POST', '/customers', { name: '门店甲', class: '02001', attributes: { STORES: 'many' } })
    const pa = await problem(attr, 400, 'CUSTOMER_INVALID')
    expect(pa.issues.map((i: Json) => i.path)).toEqual([['attributes', 'STORES']])
    const en = await call('POST', '/customers', { name: 'x', class: '01' }, { 'accept-language': 'en' })
    const pe = await problem(en, 400, 'CUSTOMER_INVALID')
    expect(pe.detail).toBe('The customer is not valid')
    const schema = await call('POST', '/customers', { name: 5 })
    await problem(schema, 400, 'REQUEST_INVALID')
  })

  it('edits only with If-Match: 428 without, 412 when stale (both versions and the current ETag), 200 with the new ETag', async () => {
    const created = (await (
      await call('POST', '/customers', { name: '编辑测试有限公司', class: '01001' })
    ).json()) as Json
    const path = `/customers/${created.code}`
    const missing = await call('PATCH', path, { remarks: 'x' })
    await problem(missing, 428, 'CUSTOMER_IF_MATCH_REQUIRED')
    const garbled = await call('PATCH', path, { remarks: 'x' }, { 'if-match': 'seven' })
    await problem(garbled, 400, 'CUSTOMER_IF_MATCH_INVALID')
    const ok = await call('PATCH', path, { remarks: '第一次', region: 'HBBJ' }, { 'if-match': '"v1"' })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('etag')).toBe('"v2"')
    const okBody = (await ok.json()) as Json
    expect(okBody.changes).toEqual({
      remarks: { before: null, after: '第一次' },
      region: { before: null, after: 'HBBJ' },
    })
    const stale = await call('PATCH', path, { remarks: '第二次' }, { 'if-match': '"v1"' })
    const ps = await problem(stale, 412, 'CUSTOMER_VERSION_STALE')
    expect(ps).toMatchObject({ currentVersion: 2, expectedVersion: 1 })
    expect(stale.headers.get('etag')).toBe('"v2"')
    const typo = await call('PATCH', path, { remraks: 'x' }, { 'if-match': '"v2"' })
    await problem(typo, 400, 'REQUEST_INVALID')
    const code = await call('PATCH', path, { code: 'NEWCODE' }, { 'if-match': '"v2"' })
    const pc = await problem(code, 400, 'CUSTOMER_INVALID')
    expect(pc.issues.map((i: Json) => i.code)).toEqual(['CUSTOMER_CODE_IMMUTABLE'])
    const got = await call('GET', path)
    expect(got.headers.get('etag')).toBe('"v2"')
    expect(((await got.json()) as Json).remarks).toBe('第一次')
  })

  it('finds by old code, lists with filters and paging, and hides archived customers by default', async () => {
    const a = (await (await call('POST', '/customers', { name: '归档路由有限公司', class: '02001' })).json()) as Json
    const recode = await call('POST', `/customers/${a.code}/recode`, { newCode: 'ZZ001' })
    expect(recode.status).toBe(200)
    // a typed code off the rule is kept (a re-code is an administrator's act), with the reason in the caller's words
    expect(((await recode.json()) as Json).codeWarning).toMatch(/^编码 ZZ001 不符合规则/)
    const byOld = await call('GET', `/customers/${a.code}`)
    const old = (await byOld.json()) as Json
    expect(old).toMatchObject({ code: 'ZZ001', matchedAlias: a.code })
    expect(old.codes.map((c: Json) => c.kind).sort()).toEqual(['alias', 'live'])
    let list = (await (await call('GET', '/customers?class=02&limit=10')).json()) as Json
    expect(list.items.map((i: Json) => i.code)).toEqual(['ZZ001'])
    list = (await (await call('GET', '/customers?q=zz0')).json()) as Json
    expect(list.total).toBe(1)
    const arch = await call('POST', '/customers/ZZ001/archive')
    expect(arch.status).toBe(200)
    expect(((await arch.json()) as Json).status).toBe('archived')
    expect(((await (await call('GET', '/customers?class=02')).json()) as Json).total).toBe(0)
    expect(((await (await call('GET', '/customers?class=02&status=archived')).json()) as Json).total).toBe(1)
    const stale = await call('POST', '/customers/ZZ001/restore', undefined, { 'if-match': '"v1"' })
    await problem(stale, 412, 'CUSTOMER_VERSION_STALE')
    const restored = await call('POST', '/customers/ZZ001/restore')
    expect(((await restored.json()) as Json).status).toBe('active')
    const disabled = await call('POST', '/customers/ZZ001/disable')
    expect(((await disabled.json()) as Json).status).toBe('disabled')
    const page = (await (await call('GET', '/customers?limit=2&offset=1')).json()) as Json
    expect(page).toMatchObject({ limit: 2, offset: 1 })
    expect(page.items.length).toBeLessThanOrEqual(2)
    await problem(await call('GET', '/customers?class=99'), 400, 'CUSTOMER_FILTER_INVALID')
    await problem(await call('GET', '/customers?limit=100000'), 400, 'REQUEST_INVALID')
    await problem(await call('GET', '/customers/NOPE'), 404, 'CUSTOMER_NOT_FOUND')
    const history = (await (await call('GET', '/customers/ZZ001/history')).json()) as Json
    expect(history.items.map((h: Json) => h.action)).toEqual([
      'customer.created',
      'customer.recoded',
      'customer.archived',
      'customer.restored',
      'customer.disabled',
    ])
    expect(history.items[1].changes).toEqual([{ field: 'code', before: a.code, after: 'ZZ001' }])
  })

  it('deletes an unreferenced customer (204) and refuses one that is a head office (409)', async () => {
    const head = (await (await call('POST', '/customers', { name: '总公司', class: '01001' })).json()) as Json
    const branch = (await (
      await call('POST', '/customers', { name: '分公司', class: '01001', headOffice: head.code })
    ).json()) as Json
    expect(branch.headOffice).toEqual({ code: head.code, name: '总公司' })
    const refused = await problem(await call('DELETE', `/customers/${head.code}`), 409, 'CUSTOMER_REFERENCED')
    expect(refused.references).toEqual({ branches: 1 })
    expect((await call('DELETE', `/customers/${branch.code}`)).status).toBe(204)
    await problem(await call('GET', `/customers/${branch.code}`), 404, 'CUSTOMER_NOT_FOUND')
    expect((await call('DELETE', `/customers/${head.code}`)).status).toBe(204)
  })

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as Json
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/t/{tenant}/customers',
        '/api/t/{tenant}/customers/{id}',
        '/api/t/{tenant}/customers/{id}/archive',
        '/api/t/{tenant}/customers/{id}/history',
      ]),
    )
  })

  it('previews the rule and next code of a new customer, and what the rule still needs', async () => {
    const rule = await call('POST', '/code-rules', {
      name: '门店按地区',
      pattern: '{region}-{serial:3}',
      condition: { all: [{ field: 'class', op: 'under', value: '02' }] },
    })
    expect(rule.status).toBe(201)
    const preview = async (draft: unknown) => {
      const r = await call('POST', '/customers/code-preview', draft)
      expect(r.status).toBe(200)
      return (await r.json()) as Json
    }
    const lacking = await preview({ class: '02001' })
    expect(lacking).toMatchObject({ rule: { name: '门店按地区', mode: 'auto' }, code: null })
    expect(lacking.missing[0].message).toContain('地区')
    const ready = await preview({ class: '02001', region: 'HBBJ', name: '' })
    expect(ready).toMatchObject({ rule: { name: '门店按地区', pattern: '{region}-{serial:3}' }, code: 'HBBJ-001' })
    // nothing was reserved: the create issues the previewed code
    const created = await call('POST', '/customers', { name: '北京一店', class: '02001', region: 'HBBJ' })
    expect(((await created.json()) as Json).code).toBe('HBBJ-001')
    expect((await preview({ class: '02001', region: 'HBBJ' })).code).toBe('HBBJ-002')
    // the default rule for other classes
    expect((await preview({ class: '01001' })).rule.pattern).toBe('{serial:5}')
    expect(ready.issues).toEqual([])
    // a class that does not exist is said, not silently previewed without
    const unknown = await preview({ class: '99', region: 'HBBJ' })
    expect(unknown.issues.map((i: Json) => i.code)).toEqual(['CLASS_NOT_FOUND'])
    expect(unknown.issues[0].message).toContain('99')
  })

  it('finds by user-defined schemes: ?scheme=SCHEME:NODE, repeatable, with subtrees', async () => {
    expect((await call('POST', '/schemes', { code: 'CH', name: '渠道', levels: '1-2' })).status).toBe(201)
    for (const [code, name] of [
      ['1', '线上'],
      ['101', '天猫'],
      ['2', '线下'],
    ])
      expect((await call('POST', '/schemes/CH/nodes', { code, name })).status).toBe(201)
    const a = (await (await call('POST', '/customers', { name: '天猫旗舰店', classes: { CH: '101' } })).json()) as Json
    const b = (await (await call('POST', '/customers', { name: '线下门店', classes: { CH: '2' } })).json()) as Json
    const find = async (qs: string) => {
      const r = await call('GET', `/customers?${qs}`)
      expect(r.status).toBe(200)
      return ((await r.json()) as Json).items.map((c: Json) => c.code).sort()
    }
    expect(await find('scheme=CH:1')).toEqual([a.code])
    expect(await find('scheme=CH:1,2')).toEqual([a.code, b.code].sort())
    expect(await find('scheme=CH:2&scheme=CH:101')).toEqual([a.code, b.code].sort())
    expect(await find('scheme=CH:2&class=01')).toEqual([])
    await problem(await call('GET', '/customers?scheme=CH'), 400, 'CUSTOMER_FILTER_INVALID')
    await problem(await call('GET', '/customers?scheme=NOPE:1'), 400, 'CUSTOMER_FILTER_INVALID')
  })
})
