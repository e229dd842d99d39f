// The import's routes: the preview of an upload, the error file of an import job in the input's format, and saved
// mappings.

import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Deps, ensureLocalAdmin, forTenant, importJobKind, runJobInForeground, saveUpload } from '@kehu/app'
import type { RowSource } from '@kehu/core'
import { openTable } from '@kehu/files'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb, testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import type { KehuApp } from '../context.js'

const source = (): RowSource => ({
  format: 'csv',
  encoding: 'utf-8',
  headers: ['客户名称', '建档日期'],
  headerRow: 1,
  rows: (async function* () {
    yield { row: 2, cells: ['路由甲有限公司', '2024-01-02'] }
    yield { row: 3, cells: ['路由乙有限公司', '明天'] }
  })(),
})

describe.each(testKinds())('import routes on %s', (kind) => {
  let db: TestDb
  let app: KehuApp
  let deps: Deps
  const tenant = `imp${Math.random().toString(36).slice(2, 7)}`
  const send = (method: string, path: string, body?: unknown) =>
    app.request(`http://localhost${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { origin: 'http://localhost', 'x-kehu-request': '1' }),
        'accept-language': 'en',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  beforeAll(async () => {
    db = await createTestDb(kind)
    deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    app = createApp({ deps, actor: await ensureLocalAdmin(deps, 'test'), version: 'test', database: kind })
    expect((await send('POST', '/api/tenants', { code: tenant, name: '导入测试' })).status).toBe(201)
  })
  afterAll(() => db?.dispose())

  it('gives the bad rows of an import back as a CSV of the original columns and the errors, in the reader’s language', async () => {
    const ctx = forTenant({ deps, actor: await ensureLocalAdmin(deps, 'test'), lang: 'zh-CN' }, tenant)
    const { job, result } = await runJobInForeground(
      ctx,
      importJobKind(async () => source()),
      { path: 'x.csv' },
    )
    expect(result).toMatchObject({ read: 2, inserted: 1, bad: 1, hasErrorFile: true })
    const r = await send('GET', `/api/t/${tenant}/imports/${job.id}/error-file`)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const file = join(tmpdir(), `kehu-errors-${job.id}.csv`)
    await writeFile(file, Buffer.from(await r.arrayBuffer()))
    const back = await openTable(file)
    const rows = []
    for await (const row of back.rows) rows.push(row.cells)
    expect(back.headers).toEqual(['客户名称', '建档日期', 'Errors'])
    expect(rows).toEqual([['路由乙有限公司', '明天', expect.stringMatching(/^建档日期: A date is written 2024-03-01/)]])
    expect((await send('GET', `/api/t/${tenant}/imports/no-such-job/error-file`)).status).toBe(404)
  })

  it('previews an upload: its headers, the first 20 rows, the suggested matching, the choices and the saved mappings', async () => {
    const ctx = forTenant({ deps, actor: await ensureLocalAdmin(deps, 'test'), lang: 'zh-CN' }, tenant)
    const lines = ['公司名称,统一社会信用代码,备注X', ...Array.from({ length: 25 }, (_, i) => `预览${i}有限公司,,${i}`)]
    const upload = await saveUpload(ctx, {
      name: '客户.csv',
      stream: (async function* () {
        yield new TextEncoder().encode(`${lines.join('\r\n')}\r\n`)
      })(),
    })
    expect(
      (await send('PUT', `/api/t/${tenant}/import-mappings/${encodeURIComponent('月度')}`, { columns: [] })).status,
    ).toBe(204)
    const r = await send('POST', `/api/t/${tenant}/imports/preview`, { uploadId: upload.id })
    expect(r.status).toBe(200)
    const p = (await r.json()) as {
      format: string
      encoding: string
      headers: string[]
      sampleRows: string[][]
      suggestedMapping: { columns: unknown[] }
      targets: Array<{ target: string; label: string }>
      savedMappings: string[]
    }
    expect(p).toMatchObject({ format: 'csv', encoding: 'utf-8', headers: ['公司名称', '统一社会信用代码', '备注X'] })
    expect(p.sampleRows).toHaveLength(20)
    expect(p.sampleRows[0]).toEqual(['预览0有限公司', '', '0'])
    expect(p.suggestedMapping.columns).toEqual([
      { index: 0, header: '公司名称', target: 'name' },
      { index: 1, header: '统一社会信用代码', target: 'uscc' },
      { index: 2, header: '备注X', target: null },
    ])
    expect(p.targets).toContainEqual({ target: 'code', label: 'Customer code' })
    expect(p.targets).toContainEqual({ target: 'name', label: 'Name' })
    expect(p.savedMappings).toContain('月度')
    await send('DELETE', `/api/t/${tenant}/import-mappings/${encodeURIComponent('月度')}`)
    const gone = await send('POST', `/api/t/${tenant}/imports/preview`, { uploadId: 'no-such-upload' })
    expect(gone.status).toBe(404)
  })

  it('starts an import of an upload as a queued job (202), and refuses one without a file', async () => {
    const r = await send('POST', `/api/t/${tenant}/imports`, {
      uploadId: 'u1',
      mode: 'upsert',
      key: 'name',
      dryRun: true,
    })
    expect(r.status).toBe(202)
    expect(((await r.json()) as { job: unknown }).job).toMatchObject({ kind: 'import', status: 'queued' })
    expect((await send('POST', `/api/t/${tenant}/imports`, { mode: 'insert' })).status).toBe(400)
  })

  it('saves, lists, reads and deletes mappings by name', async () => {
    const mapping = {
      columns: [
        { index: 0, header: '编号', target: 'code' },
        { index: 1, header: '备注', target: null },
      ],
    }
    expect((await send('PUT', `/api/t/${tenant}/import-mappings/U8`, mapping)).status).toBe(204)
    expect(await (await send('GET', `/api/t/${tenant}/import-mappings/U8`)).json()).toEqual(mapping)
    const list = (await (await send('GET', `/api/t/${tenant}/import-mappings`)).json()) as { items: { name: string }[] }
    expect(list.items.map((m) => m.name)).toEqual(['U8'])
    expect((await send('DELETE', `/api/t/${tenant}/import-mappings/U8`)).status).toBe(204)
    const gone = await send('GET', `/api/t/${tenant}/import-mappings/U8`)
    expect([gone.status, ((await gone.json()) as { code: string }).code]).toEqual([404, 'IMPORT_MAPPING_NOT_FOUND'])
  })
})
