import { PassThrough, Readable } from 'node:stream'
import { createRoute, z } from '@hono/zod-openapi'
import { type CustomerExport, ExportCustomersInput, exportCustomers, importTemplate } from '@kehu/app'
import { ctxOf, type KehuApp } from '../context.js'
import { writeTable } from '../transfer/write-table.js'
import { problemResponses, TenantParam } from './common.js'

const tags = ['import and export']
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const file = (description: string) => ({
  description,
  content: {
    [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
    'text/csv': { schema: z.string() },
  },
})

/** RFC 6266 with RFC 5987's `filename*`, so 客户档案-20261207.xlsx arrives by that name; `fallback` for old clients. */
export function contentDisposition(name: string, fallback: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

export const contentType = (x: Pick<CustomerExport, 'format'> & { encoding?: string | undefined }) =>
  x.format === 'xlsx' ? XLSX : `text/csv; charset=${x.encoding === 'gb18030' ? 'gb18030' : 'utf-8'}`

/** Streams what `write` writes; a write that fails cuts the download off (the client sees it incomplete). */
export function streamed(write: (out: PassThrough) => Promise<unknown>): ReadableStream {
  const out = new PassThrough()
  write(out).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))))
  return Readable.toWeb(out) as ReadableStream
}

const LangQuery = z
  .enum(['zh-CN', 'en'])
  .optional()
  .openapi({ description: 'Header language; default: the request’s (a download link cannot set Accept-Language)' })

// `.meta`, not `.openapi`, on schemas made in @kehu/app: see members.ts.
const ExportQuery = ExportCustomersInput.omit({ classes: true }).extend({ lang: LangQuery })

const TemplateQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx').openapi({ description: 'xlsx (default) or csv (UTF-8 with BOM)' }),
  lang: LangQuery,
})

/** Export of the customer list and the import template (issue 17; docs/decisions/0029-customer-export.md). */
export function registerTransferRoutes(app: KehuApp) {
  // Registered before `/customers/{id}`, which would otherwise take `export` for a customer's code.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/customers/export',
      tags,
      summary: 'Export the customers of a list filter as XLSX or CSV, in the import template’s layout (streamed)',
      description:
        'Takes the customer list’s filter parameters (q, status, type, class, region, industry, scheme) and gives every matching customer the caller may see. Needs export and customer:read. Without customer:sensitive the sensitive columns are left out. Cells starting with = + - @ tab or CR get a leading apostrophe, which import removes. Written to the audit log.',
      request: { params: TenantParam, query: ExportQuery },
      responses: { 200: file('The file, as an attachment'), ...problemResponses },
    }),
    async (c) => {
      const { lang = c.var.lang, ...query } = c.req.valid('query')
      const x = await exportCustomers({ ...ctxOf(c, c.req.valid('param').tenant), lang }, query)
      const signal = c.req.raw.signal
      return new Response(
        streamed((out) => writeTable(out, x, x.pages, { signal })),
        {
          status: 200,
          headers: {
            'content-type': contentType(x),
            'content-disposition': contentDisposition(x.fileName, x.fileName.replace(/^[^\x20-\x7e]+/, 'customers')),
            'cache-control': 'no-store',
            'x-total-count': String(x.total),
          },
        },
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/import-template',
      tags,
      summary: 'The import template: the export’s columns (with the tenant’s schemes and attributes), no rows',
      request: { params: TenantParam, query: TemplateQuery },
      responses: { 200: file('The template, as an attachment'), ...problemResponses },
    }),
    async (c) => {
      const { format, lang = c.var.lang } = c.req.valid('query')
      const { headers } = await importTemplate({ ...ctxOf(c, c.req.valid('param').tenant), lang })
      const name = `${lang === 'en' ? 'customer-import-template' : '客户导入模板'}.${format}`
      const x = { format, sheetName: lang === 'en' ? 'Customers' : '客户档案', headers }
      return new Response(
        streamed((out) => writeTable(out, x, [])),
        {
          status: 200,
          headers: {
            'content-type': contentType(x),
            'content-disposition': contentDisposition(name, `customer-import-template.${format}`),
            'cache-control': 'no-store',
          },
        },
      )
    },
  )
}
