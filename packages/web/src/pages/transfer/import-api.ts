import { api, ok } from '../../api/client'
import type { components } from '../../api/schema'

export type Upload = components['schemas']['Upload']
export type ImportPreview = components['schemas']['ImportPreview']
export type ImportMapping = components['schemas']['ImportMapping']
export type MappedColumn = ImportMapping['columns'][number]
export type ImportOptions = components['schemas']['ImportOptions']

/** One wrong cell or row of an import; the job keeps the reason in both languages. */
export interface ImportIssue {
  row: number
  column: number | null
  header: string | null
  target: string | null
  code: string
  message: { zh: string; en: string }
}

/** An import job's result (the job view carries results of every kind untyped; the shape is the import's). */
export interface ImportResult {
  dryRun: boolean
  mode: 'insert' | 'update' | 'upsert'
  read: number
  inserted: number
  updated: number
  unchanged: number
  bad: number
  duplicates: number
  issues: ImportIssue[]
  issueCount: number
  hasErrorFile: boolean
}

const tenantPath = (tenant: string) => ({ path: { tenant } })

/** Sends the file as it is (no form encoding): the server keeps it so the import job can read it again. */
export const uploadFile = (tenant: string, file: File) =>
  ok(
    api.POST('/api/t/{tenant}/uploads', {
      params: tenantPath(tenant),
      // The route reads the raw body itself (the schema has none): the file goes as it is.
      body: file as never,
      bodySerializer: (b: unknown) => b as BodyInit,
      headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    }),
  )

export const previewImport = (tenant: string, body: components['schemas']['ImportPreviewInput']) =>
  ok(api.POST('/api/t/{tenant}/imports/preview', { params: tenantPath(tenant), body }))

/** Starts a check (dry run) or the import itself; both run as a job. */
export const startImport = (tenant: string, body: ImportOptions) =>
  ok(api.POST('/api/t/{tenant}/imports', { params: tenantPath(tenant), body })).then((r) => r.job)

export const getMapping = (tenant: string, name: string) =>
  ok(api.GET('/api/t/{tenant}/import-mappings/{name}', { params: { path: { tenant, name } } }))

export const saveMapping = (tenant: string, name: string, body: ImportMapping) =>
  ok(api.PUT('/api/t/{tenant}/import-mappings/{name}', { params: { path: { tenant, name } }, body }))

/** The wrong rows of an import, in its file's format with a column saying what is wrong: a plain download link. */
export const errorFileUrl = (tenant: string, jobId: string) =>
  `/api/t/${encodeURIComponent(tenant)}/imports/${encodeURIComponent(jobId)}/error-file`

export const templateUrl = (tenant: string, format: 'xlsx' | 'csv', lang: string) =>
  `/api/t/${encodeURIComponent(tenant)}/import-template?${new URLSearchParams({ format, lang })}`
