// Export and the import template over HTTP: streamed files with their names, the list's filter, the formula
// guard, a bad filter as problem+json before any byte, and the export in the audit log.
import { type Deps, ensureLocalAdmin } from '@kehu/app'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb, testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import type { KehuApp } from '../context.js'
import { contentDisposition } from './transfer.js'

describe.each(testKinds())('export routes on %s', (kind) => {
  let db: TestDb
  let app: KehuApp
  let deps: Deps
  const tenant = `exp${Math.random().toString(36).slice(2, 7)}`
  const send = (method: string, path: string, body?: unknown) =>
    app.request(`http://localhost${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { origin: 'http://localhost', 'x-kehu-request': '1' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  beforeAll(async () => {
    db = await createTestDb(kind)
    deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    app = createApp({ deps, actor: await ensureLocalAdmin(deps, 'test'), version: 'test', database: kind })
    expect((await send('POST', '/api/tenants', { code: tenant, name: '导出测试' })).status).toBe(201)
    for (const [code, name] of [
      ['01', '批发'],
      ['02', '零售'],
    ])
      expect((await send('POST', `/api/t/${tenant}/schemes/class/nodes`, { code, name })).status).toBe(201)
    for (const [name, cls, remarks] of [
      ['导出甲有限公司', '01', '=HYPERLINK("http://x")'],
      ['导出乙有限公司', '01', '逗号,与"引号"'],
      ['导出丙有限公司', '02', null],
    ])
      expect((await send('POST', `/api/t/${tenant}/customers`, { name, class: cls, remarks })).status).toBe(201)
  })
  afterAll(() => db?.dispose())

  it('streams the filtered customers as CSV with a BOM, named 客户档案-YYYYMMDD.csv, formulas guarded', async () => {
    const r = await send('GET', `/api/t/${tenant}/customers/export?format=csv&class=01`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(r.headers.get('content-encoding')).toBeNull()
    expect(r.headers.get('content-disposition')).toMatch(
      /^attachment; filename="customers-\d{8}\.csv"; filename\*=UTF-8''%E5%AE%A2%E6%88%B7%E6%A1%A3%E6%A1%88-\d{8}\.csv$/,
    )
    const bytes = new Uint8Array(await r.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n')
    expect(lines[0]).toMatch(/^客户编码,客户名称,客户简称,/)
    expect(lines.filter(Boolean)).toHaveLength(3)
    expect(lines.some((l) => l.includes('导出丙'))).toBe(false)
    expect(lines.find((l) => l.includes('导出甲'))).toContain(`"'=HYPERLINK(""http://x"")"`)
    expect(lines.find((l) => l.includes('导出乙'))).toContain('"逗号,与""引号"""')
  })

  it('refuses a bad filter with a problem before any byte of the file', async () => {
    const r = await send('GET', `/api/t/${tenant}/customers/export?class=99&format=pdf`)
    expect(r.status).toBe(400)
    expect(r.headers.get('content-type')).toMatch(/problem\+json/)
    const unknown = await send('GET', `/api/t/${tenant}/customers/export?class=99`)
    expect(((await unknown.json()) as { issues: { code: string }[] }).issues[0]?.code).toBe('CLASS_NOT_FOUND')
  })

  it('records the export in the audit log with its filter and row count', async () => {
    await (await send('GET', `/api/t/${tenant}/customers/export?format=csv&class=02`)).arrayBuffer()
    const log = (await (await send('GET', `/api/t/${tenant}/audit?action=customers.exported`)).json()) as {
      items: { action: string }[]
    }
    expect(log.items.length).toBeGreaterThanOrEqual(1)
    const events = await deps.store.read(async (tx) => {
      const id = (await tx.tenants.byCode(tenant))!.id
      return tx.audit.listFor(id, 'tenant', id)
    })
    expect(events.map((e) => e.data)).toContainEqual({
      format: 'csv',
      encoding: 'utf-8',
      filter: { class: '02' },
      rows: 1,
      complete: true,
      leftOut: [],
    })
  })

  it('gives the import template: the header row only, in the language asked for', async () => {
    const r = await send('GET', `/api/t/${tenant}/import-template?format=csv&lang=en`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-disposition')).toContain('customer-import-template.csv')
    const text = new TextDecoder().decode(new Uint8Array(await r.arrayBuffer()).slice(3))
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1)
    expect(text).toMatch(/^Customer code,Name,/)
  })

  it('names files for every client (RFC 5987)', () => {
    expect(contentDisposition("客户(1)'s.xlsx", 'c.xlsx')).toBe(
      `attachment; filename="c.xlsx"; filename*=UTF-8''%E5%AE%A2%E6%88%B7%281%29%27s.xlsx`,
    )
  })
})
