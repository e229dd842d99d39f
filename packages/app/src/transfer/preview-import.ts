import { assertCan, type ImportMapping, matchHeaders, pick } from '@kehu/core'
import { loadClassIndex } from '../classification/internal/class-index.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import type { ImportParams, OpenImportSource } from './import-customers.js'
import { layoutFor } from './internal/customer-cells.js'

/** Rows a preview shows: enough to recognise the columns, few enough to answer at once. */
export const PREVIEW_ROWS = 20

export interface ImportPreview {
  format: 'csv' | 'xlsx'
  encoding?: 'utf-8' | 'gb18030'
  sheets?: string[]
  sheet?: string
  headers: string[]
  sampleRows: string[][]
  suggestedMapping: ImportMapping
  /** Every column the caller may fill, labelled in the caller's language (the mapping's choices). */
  targets: Array<{ target: string; label: string }>
  savedMappings: string[]
}

/**
 * A file's first rows before it is imported: its headers and sheets, the first rows, the suggested mapping and
 * the choices for it (the wizard's column matching). Opens the file through the import's own seam, so the
 * preview reads exactly what the import will.
 */
export async function previewImport(
  ctx: RequestContext,
  open: OpenImportSource,
  input: Pick<ImportParams, 'uploadId' | 'sheet' | 'encoding'>,
): Promise<ImportPreview> {
  assertCan(ctx.actor, 'import')
  const source = await open(ctx, { ...input, mode: 'insert' })
  const sampleRows: string[][] = []
  // Iterated even when empty, and left by break, so the reader closes (and removes its temporary file).
  for await (const r of source.rows) {
    if (sampleRows.length >= PREVIEW_ROWS) break
    sampleRows.push(r.cells)
  }
  const { columns, saved } = await ctx.deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, ctx.tenant)
    const layout = await layoutFor(tx, tenant.id, ctx.actor, await loadClassIndex(tx, tenant.id))
    return { columns: layout.columns, saved: await tx.importMappings.list(tenant.id) }
  })
  return {
    format: source.format,
    ...(source.encoding === undefined ? {} : { encoding: source.encoding }),
    ...(source.sheets === undefined ? {} : { sheets: source.sheets }),
    ...(source.sheet === undefined ? {} : { sheet: source.sheet }),
    headers: source.headers,
    sampleRows,
    suggestedMapping: matchHeaders(source.headers, columns),
    targets: columns.map((c) => ({ target: c.target, label: pick(c.header, ctx.lang) })),
    savedMappings: saved.map((m) => m.name),
  }
}
