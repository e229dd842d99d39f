// Every route of the OpenAPI document, walked with what careless clients and attackers send: malformed
// bodies, wrong content types, NUL and lone surrogates, huge and deep values. No answer may be a 5xx,
// every error is problem+json, and a refused request changes no row of any table.
import { createNode } from '@kehu/app'
import { testKinds } from '@kehu/storage/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fingerprint, type ServerTest, setupServerTest } from './testing/server-test.js'

interface Operation {
  method: string
  path: string
  /** Property names of the JSON body, to aim bad values at real fields. */
  fields: string[]
  query: string[]
}

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked generically
type Doc = any

function operationsOf(doc: Doc): Operation[] {
  const resolve = (s: Doc): Doc => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s)
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries<Doc>(doc.paths))
    for (const [method, op] of Object.entries<Doc>(methods)) {
      const schema = resolve(op.requestBody?.content?.['application/json']?.schema)
      ops.push({
        method: method.toUpperCase(),
        path,
        fields: Object.keys(schema?.properties ?? {}),
        query: (op.parameters ?? []).filter((p: Doc) => p.in === 'query').map((p: Doc) => p.name),
      })
    }
  return ops
}

const NASTY_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  'Cafe\u0301',
  'x'.repeat(25_000),
  '',
  ' ',
  '🙂'.repeat(3),
]
// Path and query pieces as they arrive percent-encoded: NUL, a UTF-8-encoded lone surrogate, bad UTF-8, long.
const NASTY_URL = ['%00', 'a%00b', '%ED%A0%80', '%FF', '%', 'x'.repeat(3000), '..', '%2F', '%E4%B8%AD']

const deep = (depth: number, leaf: unknown): unknown => {
  let v = leaf
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v }
  return v
}

const text = fc.oneof(fc.constantFrom(...NASTY_TEXT), fc.string({ unit: 'binary', maxLength: 40 }))
const value = fc.oneof(
  text,
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 1, max: 200 }).map((d) => deep(d, '\u0000')),
  fc.constantFrom(-1, 1e308, Number.MAX_SAFE_INTEGER + 2, true, null, [], {}),
)

const body = (fields: string[]) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.dictionary(fields.length ? fc.constantFrom(...fields) : text, value).map((o) => JSON.stringify(o)),
    },
    { weight: 1, arbitrary: value.map((v) => JSON.stringify(v) ?? '') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":1,}', 'null', '[]', '"\\ud800"', '\u0000', '\ufeff{}') },
    { weight: 1, arbitrary: fc.constant(undefined) },
  )

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  undefined,
)

const ACCEPTED_UNTIL = 400
// 10 cases per route: about 550 requests per database, a few seconds alone, longer on a busy machine.

describe.each(testKinds())('every route under fuzz on %s', (kind) => {
  let t: ServerTest
  let ops: Operation[]
  let before: string
  beforeAll(async () => {
    t = await setupServerTest(kind)
    await createNode(t.ctx, 'class', { code: '01', name: '批发' })
    ops = operationsOf(await (await t.app.request('/api/openapi.json')).json())
    before = await fingerprint(t.db)
  })
  afterAll(() => t?.dispose())

  it('finds the routes in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThan(40)
  })

  it('answers every route with < 500 and problem+json, and a refused request changes nothing', async () => {
    const real: Record<string, string> = { tenant: t.tenant, id: t.customer, scheme: 'class', code: '01' }
    const seen = new Set<string>()
    for (const op of ops) {
      const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)
      const request = fc.record({
        segments: fc.tuple(
          ...params.map((p) =>
            fc.oneof({ weight: 3, arbitrary: fc.constant(real[p] ?? 'x') }, fc.constantFrom(...NASTY_URL)),
          ),
        ),
        query: fc.array(fc.tuple(fc.constantFrom(...op.query, 'q', '%00'), fc.constantFrom(...NASTY_URL, '1', 'x')), {
          maxLength: 3,
        }),
        body: body(op.fields),
        contentType,
        header: fc.boolean(),
      })
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          let path = op.path
          params.forEach((p, i) => {
            path = path.replace(`{${p}}`, r.segments[i] as string)
          })
          if (r.query.length) path += `?${r.query.map(([k, v]) => `${k}=${v}`).join('&')}`
          const headers: Record<string, string> = {}
          if (r.contentType) headers['content-type'] = r.contentType
          if (r.header) headers['x-kehu-request'] = '1'
          const send = op.method !== 'GET' && r.body !== undefined
          const res = await t.app.request(path, { method: op.method, headers, ...(send ? { body: r.body } : {}) })
          seen.add(`${op.method} ${op.path} ${res.status}`)
          expect(res.status, `${op.method} ${path}`).toBeLessThan(500)
          if (res.status >= ACCEPTED_UNTIL) {
            expect(res.headers.get('content-type'), `${op.method} ${path}`).toContain('application/problem+json')
            const p = (await res.json()) as { code?: unknown; detail?: unknown }
            expect(typeof p.code).toBe('string')
            expect(typeof p.detail).toBe('string')
            expect(await fingerprint(t.db), `${op.method} ${path} ${res.status}`).toBe(before)
          } else {
            // a streamed answer (the export) writes its audit event when the body has been read
            await res.arrayBuffer()
            before = await fingerprint(t.db)
          }
        }),
        { seed: 15, numRuns: 10, endOnFailure: true },
      )
    }
    expect(seen.size).toBeGreaterThan(ops.length)
  }, 120_000)
})
