import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { ensureLocalAdmin } from '@kehu/app'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from './app.js'
import { chooseEncoding } from './compression.js'
import type { KehuApp } from './context.js'

describe('chooseEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['identity', undefined],
  ])('%s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected)
  })
})

describe('response compression', () => {
  let db: TestDb
  let app: KehuApp
  let plain: KehuApp
  let webDir: string
  const script = `export const x = ${JSON.stringify('客户'.repeat(2000))}\n`
  beforeAll(async () => {
    db = await createTestDb('sqlite')
    const deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    const actor = await ensureLocalAdmin(deps)
    webDir = mkdtempSync(join(tmpdir(), 'kehu-web-'))
    mkdirSync(join(webDir, 'assets'))
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>kehu</title>')
    writeFileSync(join(webDir, 'assets', 'a.js'), script)
    writeFileSync(join(webDir, 'assets', 'a.js.br'), brotliCompressSync(script))
    writeFileSync(join(webDir, 'assets', 'a.js.gz'), gzipSync(script))
    writeFileSync(join(webDir, 'assets', 'b.js'), script)
    const ctx = { deps, actor, version: 'test', database: 'sqlite' as const }
    app = createApp(ctx, { webDir })
    plain = createApp(ctx, { webDir, compress: false })
  })
  afterAll(async () => {
    rmSync(webDir, { recursive: true, force: true })
    await db?.dispose()
  })

  const get = (a: KehuApp, path: string, encoding?: string) =>
    a.request(path, encoding ? { headers: { 'accept-encoding': encoding } } : {})

  it('compresses API responses in the encoding the client prefers, and says so', async () => {
    const identity = await (await get(app, '/api/openapi.json')).text()
    const br = await get(app, '/api/openapi.json', 'gzip, deflate, br')
    expect([br.headers.get('content-encoding'), br.headers.get('vary')]).toEqual(['br', 'Accept-Encoding'])
    const brBytes = Buffer.from(await br.arrayBuffer())
    expect(brBytes.byteLength).toBeLessThan(identity.length / 4)
    expect(brotliDecompressSync(brBytes).toString()).toBe(identity)
    const gz = await get(app, '/api/openapi.json', 'gzip')
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(identity)
    // Problem bodies are JSON too; small ones stay as they are.
    const small = await get(app, '/api/health', 'br')
    expect([small.headers.get('content-encoding'), await small.json()]).toEqual([
      null,
      { status: 'ok', version: 'test', database: 'sqlite' },
    ])
    expect((await get(plain, '/api/openapi.json', 'br')).headers.get('content-encoding')).toBeNull()
  })

  it('leaves a record with a strong ETag uncompressed, so If-Match can echo the tag', async () => {
    const tenant = await app.request('/api/tenants', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'T1', name: '测试' }),
    })
    expect(tenant.status).toBe(201)
    const created = await app.request('/api/t/T1/customers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '北京华信科技有限公司', remarks: '备注'.repeat(600) }),
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const r = await get(app, `/api/t/T1/customers/${id}`, 'br')
    expect([r.status, r.headers.get('content-encoding'), r.headers.get('etag')]).toEqual([200, null, '"v1"'])
  })

  it('sends the precompressed web assets, and compresses the others on the fly', async () => {
    const br = await get(app, '/assets/a.js', 'gzip, br')
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(script)
    const gz = await get(app, '/assets/a.js', 'gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script)
    const none = await get(app, '/assets/a.js')
    expect([none.headers.get('content-encoding'), await none.text()]).toEqual([null, script])
    const onTheFly = await get(app, '/assets/b.js', 'br')
    expect(onTheFly.headers.get('content-encoding')).toBe('br')
    expect(brotliDecompressSync(Buffer.from(await onTheFly.arrayBuffer())).toString()).toBe(script)
    expect(onTheFly.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })
})
