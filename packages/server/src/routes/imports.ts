import { createRoute, z } from '@hono/zod-openapi'
import {
  deleteImportMapping,
  getImportMapping,
  importErrorRows,
  jobView,
  listImportMappings,
  previewImport,
  saveImportMapping,
  startJob,
} from '@kehu/app'
import type { TextEncoding } from '@kehu/core'
import { ctxOf, type KehuApp, type ServerContext } from '../context.js'
import { openUploadSource, serverJobKinds } from '../job-kinds.js'
import { writeTable } from '../transfer/write-table.js'
import { json, problemResponses, TenantParam } from './common.js'
import { JobStarted } from './jobs.js'
import { contentDisposition, contentType, streamed } from './transfer.js'

const tags = ['import and export']
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const Mapping = z
  .object({
    columns: z
      .array(
        z.object({
          index: z.number().int().min(0).max(10_000),
          header: z.string().max(500),
          target: z
            .string()
            .max(200)
            .nullable()
            .openapi({ description: 'A template target (`name`, `class`, `attr.CODE` …); null: ignored' }),
        }),
      )
      .max(10_000),
  })
  .openapi('ImportMapping')
const MappingParam = TenantParam.extend({ name: z.string().min(1).max(100) })
const JobParam = TenantParam.extend({ jobId: z.string().max(100) })

/** Rows in pages, for the table writer. */
async function* pagesOf(rows: AsyncIterable<string[]>): AsyncGenerator<string[][]> {
  let page: string[][] = []
  for await (const r of rows) {
    page.push(r)
    if (page.length >= 500) {
      yield page
      page = []
    }
  }
  if (page.length > 0) yield page
}

/** The import's error file and the tenant's saved mappings (issue 17; docs/decisions/0032-import.md). */
const ImportOptions = z
  .object({
    uploadId: z.string().max(100).openapi({ description: 'The file, uploaded first (`POST /uploads`)' }),
    sheet: z.string().max(200).optional(),
    encoding: z.enum(['auto', 'utf-8', 'gb18030']).optional(),
    mapping: Mapping.optional().openapi({ description: 'Absent: the suggested mapping (headers matched by name)' }),
    mode: z.enum(['insert', 'update', 'upsert']).default('insert'),
    key: z
      .enum(['code', 'uscc', 'name'])
      .optional()
      .openapi({ description: 'How update and upsert find a customer (default code)' }),
    allOrNothing: z.boolean().optional(),
    dryRun: z.boolean().optional(),
  })
  .openapi('ImportOptions')

const PreviewInput = ImportOptions.pick({ uploadId: true, sheet: true, encoding: true }).openapi('ImportPreviewInput')
const ImportPreview = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    encoding: z.enum(['utf-8', 'gb18030']).optional().openapi({ description: 'CSV: the encoding read' }),
    sheets: z.array(z.string()).optional().openapi({ description: 'XLSX: every sheet, to choose another' }),
    sheet: z.string().optional().openapi({ description: 'XLSX: the sheet read' }),
    headers: z.array(z.string()),
    sampleRows: z.array(z.array(z.string())).openapi({ description: 'The first rows (at most 20)' }),
    suggestedMapping: Mapping,
    targets: z
      .array(z.object({ target: z.string(), label: z.string() }))
      .openapi({ description: 'The columns a file may fill, labelled in the caller’s language' }),
    savedMappings: z.array(z.string()).openapi({ description: 'The names of the tenant’s saved mappings' }),
  })
  .openapi('ImportPreview')

export function registerImportRoutes(app: KehuApp, server: ServerContext) {
  const kinds = serverJobKinds(server.readPool)
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/imports/preview',
      tags,
      summary: 'An uploaded file’s headers, first rows and suggested column matching, before it is imported',
      request: {
        params: TenantParam,
        body: { content: { 'application/json': { schema: PreviewInput } }, required: true },
      },
      responses: { 200: json(ImportPreview, 'The preview'), ...problemResponses },
    }),
    async (c) => {
      const ctx = ctxOf(c, c.req.valid('param').tenant)
      return c.json(await previewImport(ctx, openUploadSource, c.req.valid('json')), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/imports',
      tags,
      summary: 'Start an import (or a dry run) of an uploaded file as a job',
      description:
        'Answers 202 with the job; follow it with `GET /jobs/{id}`. Its result: `{ dryRun, mode, read, inserted, updated, unchanged, bad, duplicates, issues, issueCount, hasErrorFile }`; the bad rows: `GET /imports/{jobId}/error-file`.',
      request: {
        params: TenantParam,
        body: { content: { 'application/json': { schema: ImportOptions } }, required: true },
      },
      responses: { 202: json(JobStarted, 'Started'), ...problemResponses },
    }),
    async (c) => {
      const ctx = ctxOf(c, c.req.valid('param').tenant)
      const job = await startJob(ctx, kinds.importCustomers, c.req.valid('json'))
      return c.json({ job: jobView(job, c.var.lang) }, 202)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/imports/{jobId}/error-file',
      tags,
      summary: 'The bad rows of an import: the original columns plus 错误说明 / Errors, in the input’s format',
      description:
        'Fix the rows in this file and import it again: the error column is ignored. Seen by the job’s creator and administrators.',
      request: { params: JobParam },
      responses: {
        200: {
          description: 'The file, as an attachment',
          content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) }, 'text/csv': { schema: z.string() } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const bad = await importErrorRows(ctxOf(c, p.tenant), p.jobId)
      const encoding = bad.encoding === 'gb18030' ? ('gb18030' as TextEncoding) : undefined
      const file = { format: bad.format, encoding, sheetName: 'errors', headers: bad.headers }
      const name = `${c.var.lang === 'en' ? 'import-errors' : '导入错误行'}.${bad.format}`
      return new Response(
        streamed((out) => writeTable(out, file, pagesOf(bad.rows), { signal: c.req.raw.signal })),
        {
          status: 200,
          headers: {
            'content-type': contentType(file),
            'content-disposition': contentDisposition(name, `import-errors.${bad.format}`),
            'cache-control': 'no-store',
          },
        },
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/import-mappings',
      tags,
      summary: 'The tenant’s saved import mappings',
      request: { params: TenantParam },
      responses: {
        200: json(
          z.object({
            items: z.array(
              z.object({ name: z.string(), mapping: Mapping, updatedBy: z.string(), updatedAt: z.string() }),
            ),
          }),
          'Saved mappings',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const items = await listImportMappings(ctxOf(c, c.req.valid('param').tenant))
      return c.json({ items: items.map((m) => ({ ...m, mapping: Mapping.parse(m.mapping) })) }, 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/import-mappings/{name}',
      tags,
      summary: 'One saved import mapping',
      request: { params: MappingParam },
      responses: { 200: json(Mapping, 'The mapping'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(await getImportMapping(ctxOf(c, p.tenant), p.name), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/t/{tenant}/import-mappings/{name}',
      tags,
      summary: 'Save an import mapping under a name (over the one of that name)',
      request: { params: MappingParam, body: { content: { 'application/json': { schema: Mapping } }, required: true } },
      responses: { 204: { description: 'Saved' }, ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      await saveImportMapping(ctxOf(c, p.tenant), p.name, c.req.valid('json'))
      return c.body(null, 204)
    },
  )
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/t/{tenant}/import-mappings/{name}',
      tags,
      summary: 'Delete a saved import mapping',
      request: { params: MappingParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      await deleteImportMapping(ctxOf(c, p.tenant), p.name)
      return c.body(null, 204)
    },
  )
}
