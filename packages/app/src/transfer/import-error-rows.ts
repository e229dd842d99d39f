import { assertCan, notFound, type TransferFormat, text } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { getJob } from '../jobs/get-job.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { IMPORT_JOB_KINDS } from './import-customers.js'
import type { ImportTally } from './internal/import-engine.js'

export interface ImportErrorRows {
  format: TransferFormat
  encoding?: string | undefined
  /** The file's headers and the error column (错误说明 / Errors). */
  headers: string[]
  /** Each bad row: its original cells and what is wrong with it. */
  rows: AsyncIterable<string[]>
}

const PAGE = 1000

/** A bad row's problems in one cell, in the reader's language: `电话: 无法识别…; 客户名称: …`. */
function errorCell(stored: string, lang: RequestContext['lang']): string {
  const issues = JSON.parse(stored) as Array<{ header: string | null; zh: string; en: string }>
  return issues
    .map((i) => {
      const m = lang === 'en' ? i.en : i.zh
      return i.header ? `${i.header}: ${m}` : m
    })
    .join('; ')
}

/**
 * An import's bad rows for the error file: the original columns plus an error column, in file order, read page
 * by page (any number of rows in bounded memory). The job must be visible to the caller (its creator or admin).
 */
export async function importErrorRows(ctx: RequestContext, jobId: string): Promise<ImportErrorRows> {
  assertCan(ctx.actor, 'import')
  const job = await getJob(ctx, jobId)
  const { deps } = ctx
  const { tenantId, state } = await deps.store.read(async (tx) => {
    const tenantId = (await resolveTenant(tx, ctx.tenant)).id
    return { tenantId, state: (await tx.imports.state(tenantId, job.id)) as ImportTally | undefined }
  })
  if (!(IMPORT_JOB_KINDS as readonly string[]).includes(job.kind) || !state)
    throw notFound('IMPORT_NO_ERROR_FILE', text('这个任务没有导入错误文件', 'This job has no import error file'))
  const errorHeader = ctx.lang === 'en' ? 'Errors' : '错误说明'
  async function* rows() {
    for (let after = 0; ; ) {
      const page = await deps.store.read((tx) => tx.imports.errors(tenantId, job.id, after, PAGE))
      for (const r of page) yield [...state!.headers.map((_, i) => r.cells[i] ?? ''), errorCell(r.errors, ctx.lang)]
      if (page.length < PAGE) return
      after = page[page.length - 1]!.row
    }
  }
  return { format: state.format, encoding: state.encoding, headers: [...state.headers, errorHeader], rows: rows() }
}
