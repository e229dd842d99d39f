import { Writable } from 'node:stream'
import { testKinds } from '@kehu/storage/testing'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from './app.js'
import { startServer } from './start.js'
import { fingerprint, type ServerTest, setupServerTest } from './testing/server-test.js'

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in tests
type Json = Record<string, any>

const problem = async (r: Response, status: number, code: string) => {
  expect(r.status).toBe(status)
  expect(r.headers.get('content-type')).toContain('application/problem+json')
  const p = (await r.json()) as Json
  expect(p).toMatchObject({ status, code })
  return p
}

describe.each(testKinds())('the edge on %s', (kind) => {
  let t: ServerTest
  let before: string
  beforeAll(async () => {
    t = await setupServerTest(kind)
    before = await fingerprint(t.db)
  })
  afterAll(() => t?.dispose())

  const send = (method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) =>
    t.app.request(path.replace('{tenant}', t.tenant), { method, headers, ...(body === undefined ? {} : { body }) })
  const json = { 'content-type': 'application/json' }

  it('answers a malformed, empty or wrongly typed body with 400 / 415, never 500', async () => {
    await problem(await send('POST', '/api/tenants', '{"code": "x",', json), 400, 'REQUEST_BODY_MALFORMED')
    await problem(await send('POST', '/api/tenants', '', json), 400, 'REQUEST_BODY_MALFORMED')
    await problem(
      await send('POST', '/api/tenants', new Uint8Array([0x7b, 0xff, 0x7d]), json),
      400,
      'REQUEST_BODY_MALFORMED',
    )
    await problem(await send('POST', '/api/tenants', 'code=x&name=y'), 415, 'REQUEST_CONTENT_TYPE')
    await problem(
      await send('POST', '/api/tenants', 'code=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'REQUEST_CONTENT_TYPE',
    )
    await problem(
      await send('POST', '/api/tenants', '{"code":"x","name":"y"}', { 'content-type': 'text/plain' }),
      415,
      'REQUEST_CONTENT_TYPE',
    )
    const cut = new Request(`http://localhost/api/t/${t.tenant}/customers`, {
      method: 'POST',
      headers: json,
      body: new ReadableStream({ pull: (c) => c.error(new Error('connection reset')) }),
      duplex: 'half',
    } as RequestInit)
    await problem(await t.app.request(cut), 400, 'REQUEST_BODY_INCOMPLETE')
    const form = new FormData()
    form.set('code', 'x')
    await problem(await send('POST', '/api/tenants', form), 415, 'REQUEST_CONTENT_TYPE')
  })

  it('refuses a code preview with both or neither of pattern and rule', async () => {
    const neither = await problem(
      await send('POST', '/api/t/{tenant}/code-rules/preview', '{}', json),
      400,
      'CODE_PREVIEW_PATTERN_OR_RULE',
    )
    expect(neither.issues[0].path).toEqual(['pattern'])
    const both = JSON.stringify({ pattern: '{serial:3}', rule: '默认' })
    await problem(
      await send('POST', '/api/t/{tenant}/code-rules/preview', both, json),
      400,
      'CODE_PREVIEW_PATTERN_OR_RULE',
    )
  })

  it('says a schema’s own checks in the user’s language', async () => {
    const recode = `/api/t/{tenant}/customers/${t.customer}/recode`
    const zh = await problem(await send('POST', recode, '{}', json), 400, 'REQUEST_INVALID')
    expect(zh.issues[0].message).toContain('二选一')
    const en = await problem(
      await send('POST', recode, '{}', { ...json, 'accept-language': 'en' }),
      400,
      'REQUEST_INVALID',
    )
    expect(en.issues[0].message).toContain('Give a new code, or ask to reallocate by the rule')
  })

  it('refuses NUL and lone surrogates in the body, path, query and tenant, naming the field', async () => {
    const nul = await problem(
      await send('POST', '/api/t/{tenant}/customers', JSON.stringify({ name: 'a', department: 'x\u0000y' }), {
        ...json,
        'accept-language': 'en',
      }),
      400,
      'REQUEST_TEXT_INVALID',
    )
    expect(nul.issues).toEqual([
      { path: ['department'], label: 'Department', code: 'TEXT_NUL', message: expect.stringContaining('Department') },
    ])
    const lone = await problem(
      await send('POST', '/api/t/{tenant}/customers', '{"name":"a\\ud800","classes":{"\\udc00":"x"}}', json),
      400,
      'REQUEST_TEXT_INVALID',
    )
    expect(lone.issues.map((i: Json) => i.code)).toEqual(['TEXT_LONE_SURROGATE', 'TEXT_LONE_SURROGATE'])
    const tenant = await problem(await send('GET', '/api/t/a%00b/summary'), 400, 'REQUEST_URL_INVALID')
    expect(tenant.issues[0]).toMatchObject({ path: ['tenant'], code: 'TEXT_NUL' })
    await problem(await send('GET', '/api/t/%ED%A0%80/summary'), 400, 'REQUEST_URL_INVALID')
    const segment = await problem(await send('GET', '/api/t/{tenant}/customers/a%00'), 400, 'REQUEST_URL_INVALID')
    expect(segment.issues[0].message).toContain('网址路径')
    const query = await problem(await send('GET', '/api/t/{tenant}/customers?q=%00'), 400, 'REQUEST_URL_INVALID')
    expect(query.issues[0].path).toEqual(['q'])
    await problem(await send('GET', '/api/t/{tenant}/customers?q=%ED%A0%80'), 400, 'REQUEST_URL_INVALID')
  })

  it('bounds every field: a megabyte of department is refused, not stored', async () => {
    const big = JSON.stringify({ name: '大公司', department: '部'.repeat(100_000) + 'x'.repeat(900_000) })
    const p = await problem(await send('POST', '/api/t/{tenant}/customers', big, json), 400, 'REQUEST_TEXT_INVALID')
    expect(p.issues[0]).toMatchObject({ path: ['department'], code: 'TEXT_TOO_LONG' })
    const long = JSON.stringify({ name: '公司', department: 'x'.repeat(101), lifecycleStage: 'y'.repeat(51) })
    const bounded = await problem(await send('POST', '/api/t/{tenant}/customers', long, json), 400, 'REQUEST_INVALID')
    expect(bounded.issues.map((i: Json) => i.message)).toEqual([
      '分管部门：最多 100 个字符',
      '生命周期：最多 50 个字符',
    ])
    const tenant = await problem(await send('GET', `/api/t/${'t'.repeat(101)}/summary`), 400, 'REQUEST_INVALID')
    expect(tenant.issues[0].message).toBe('账套：最多 100 个字符')
    const deep = `{"name":"x","attributes":{"a":${'['.repeat(100)}${']'.repeat(100)}}}`
    await problem(await send('POST', '/api/t/{tenant}/customers', deep, json), 400, 'REQUEST_TEXT_INVALID')
    await problem(
      await send('POST', '/api/tenants', `{"name":"${'x'.repeat(3 * 1024 * 1024)}"}`, json),
      413,
      'REQUEST_TOO_LARGE',
    )
  })

  it('stores text NFC-normalised', async () => {
    const r = await send('POST', '/api/t/{tenant}/customers', JSON.stringify({ name: 'Cafe\u0301 北京' }), json)
    expect(r.status).toBe(201)
    expect(((await r.json()) as Json).name).toBe('Café 北京')
    before = await fingerprint(t.db)
  })

  it('answers for configured host names only (DNS rebinding), with 421', async () => {
    await problem(await t.app.request('http://evil.test/api/tenants'), 421, 'REQUEST_HOST_NOT_ALLOWED')
    expect((await t.app.request('http://127.0.0.1:3000/api/health')).status).toBe(200)
    expect((await t.app.request('http://[::1]:3000/api/health')).status).toBe(200)
    const lan = createApp(
      { deps: t.deps, actor: t.actor, version: 'test', database: kind },
      { allowedHosts: ['kehu.lan'] },
    )
    expect((await lan.request('http://KEHU.LAN./api/health')).status).toBe(200)
  })

  it('refuses a change from another origin, or one a cross-site page could send without a preflight', async () => {
    const archive = `/api/t/{tenant}/customers/${t.customer}/archive`
    await problem(await send('POST', archive, undefined, { origin: 'http://evil.test' }), 403, 'REQUEST_CROSS_ORIGIN')
    await problem(await send('POST', archive, undefined, { origin: 'null', ...json }), 403, 'REQUEST_CROSS_ORIGIN')
    await problem(
      await send('POST', archive, undefined, { referer: 'http://localhost:9999/x', 'x-kehu-request': '1' }),
      403,
      'REQUEST_CROSS_ORIGIN',
    )
    await problem(await send('POST', archive), 403, 'REQUEST_HEADER_REQUIRED')
    await problem(await send('POST', archive, '', { 'content-type': 'text/plain' }), 415, 'REQUEST_CONTENT_TYPE')
    await problem(await send('DELETE', `/api/t/{tenant}/customers/${t.customer}`), 403, 'REQUEST_HEADER_REQUIRED')
    expect(await fingerprint(t.db)).toBe(before)
    const same = await send('POST', archive, undefined, { origin: 'http://localhost', 'x-kehu-request': '1' })
    expect(same.status).toBe(200)
    const restore = await send('POST', `/api/t/{tenant}/customers/${t.customer}/restore`, undefined, json)
    expect(restore.status).toBe(200)
    before = await fingerprint(t.db)
  })

  it('compares If-Match strongly: a weak tag never matches', async () => {
    const r = await send('PATCH', `/api/t/{tenant}/customers/${t.customer}`, '{"remarks":"x"}', {
      ...json,
      'if-match': 'W/"v1"',
    })
    await problem(r, 412, 'CUSTOMER_IF_MATCH_WEAK')
  })

  it('sends headers that forbid framing and sniffing, and a CSP without inline scripts', async () => {
    for (const path of ['/', '/api/health', '/api/docs', '/api/nope']) {
      const r = await send('GET', path)
      expect(r.headers.get('x-frame-options')).toBe('DENY')
      expect(r.headers.get('x-content-type-options')).toBe('nosniff')
      const csp = r.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    }
  })

  it('keeps a well-formed client request id and replaces any other', async () => {
    const ok = await send('GET', '/api/health', undefined, { 'x-request-id': 'client-42.a:b' })
    expect(ok.headers.get('x-request-id')).toBe('client-42.a:b')
    const bad = await send('GET', '/api/nope', undefined, { 'x-request-id': 'a forged id, with spaces' })
    const id = bad.headers.get('x-request-id') as string
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(((await bad.json()) as Json).requestId).toBe(id)
  })

  it('answers a huge query string and unknown reference assets with problem+json', async () => {
    await problem(await send('GET', `/api/t/{tenant}/customers?q=${'x'.repeat(100_000)}`), 431, 'REQUEST_URL_TOO_LONG')
    await problem(await send('GET', '/api/docs/assets/nope.js'), 404, 'ROUTE_NOT_FOUND')
    await problem(await send('POST', '/nope', undefined, json), 404, 'ROUTE_NOT_FOUND')
  })

  it('changed nothing with any refused request', async () => {
    expect(await fingerprint(t.db)).toBe(before)
  })
})

describe('the edge over real HTTP', () => {
  let t: ServerTest
  const lines: string[] = []
  beforeAll(async () => {
    t = await setupServerTest('sqlite')
  })
  afterAll(() => t?.dispose())

  it('answers what Node refuses before kehu (a 100 KB query) with problem+json too', async () => {
    const server = await startServer(
      { deps: t.deps, actor: t.actor, version: 'test', database: 'sqlite' },
      { port: 0, host: '127.0.0.1' },
    )
    try {
      const r = await fetch(`${server.url}/api/t/${t.tenant}/customers?q=${'x'.repeat(100_000)}`)
      await problem(r, 431, 'REQUEST_HEADERS_TOO_LARGE')
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  it('logs one stack trace per server fault and nothing for a client mistake', async () => {
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk))
          done()
        },
      }),
    )
    const app = createApp({ deps: t.deps, actor: t.actor, version: 'test', database: 'sqlite' }, { logger })
    expect(
      (
        await app.request('/api/tenants', {
          method: 'POST',
          body: '{',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400)
    expect((await app.request('/api/t/ghost/summary')).status).toBe(404)
    expect(lines).toEqual([])
    await t.db.close()
    const r = await app.request('/api/health')
    await problem(r, 500, 'INTERNAL')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] as string).err.stack).toMatch(/\n\s+at /)
  })
})
