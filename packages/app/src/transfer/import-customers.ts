import {
  assertCan,
  type ImportMapping,
  invalid,
  matchHeaders,
  notFound,
  parseInput,
  type RowSource,
  text,
} from '@kehu/core'
import { z } from 'zod'
import { loadClassIndex } from '../classification/internal/class-index.js'
import type { RequestContext } from '../context.js'
import type { JobKind } from '../jobs/job-kind.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { layoutFor } from './internal/customer-cells.js'
import { type ImportTally, runImport } from './internal/import-engine.js'

export const ImportMappingInput = z.object({
  columns: z
    .array(
      z.object({
        index: z.number().int().min(0).max(10_000),
        header: z.string().max(500),
        target: z.string().max(200).nullable(),
      }),
    )
    .max(10_000),
})

/** An import's parameters, as a job keeps them (ImportOptions of the contract, plus where the file is). */
export const ImportParams = z.object({
  /** A file the server keeps (an upload) or, for the command line's own jobs, a path on this machine. */
  uploadId: z.string().max(100).optional(),
  path: z.string().max(4000).optional(),
  fileName: z.string().max(500).optional(),
  sheet: z.string().max(200).optional(),
  encoding: z.enum(['auto', 'utf-8', 'gb18030']).optional(),
  mapping: ImportMappingInput.optional(),
  mode: z.enum(['insert', 'update', 'upsert']).default('insert'),
  key: z.enum(['code', 'uscc', 'name']).optional(),
  allOrNothing: z.boolean().optional(),
  dryRun: z.boolean().optional(),
  /** Jobs with the same key are one import: a re-run resumes it (e.g. the file's sha256 and the options). */
  resumeKey: z.string().max(500).optional(),
})
export type ImportParams = z.infer<typeof ImportParams>

export type ImportResult = Omit<ImportTally, 'headers' | 'format' | 'encoding'> & { hasErrorFile: boolean }

/**
 * `import` reads an upload the server keeps; `import-file` a path on the machine of the command that started it.
 * The names differ so that `kehu serve`'s runner, which claims jobs by kind, never takes over a command line's
 * job whose lease ran out: only the same command, run again there, can read its file and resume it.
 */
export const IMPORT_JOB_KINDS = ['import', 'import-file'] as const
export type ImportJobKindName = (typeof IMPORT_JOB_KINDS)[number]

/** Opens an import's file as rows; given by the composition root (files are read outside the use cases). */
export type OpenImportSource = (ctx: RequestContext, params: ImportParams) => Promise<RowSource>

/** The suggested mapping of a file's headers onto the tenant's template columns (the caller's columns). */
export async function suggestImportMapping(ctx: RequestContext, headers: readonly string[]): Promise<ImportMapping> {
  assertCan(ctx.actor, 'import')
  return ctx.deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, ctx.tenant)
    const { columns } = await layoutFor(tx, tenant.id, ctx.actor, await loadClassIndex(tx, tenant.id))
    return matchHeaders(headers, columns)
  })
}

/**
 * The import as a job (`import`): reads the file, maps its headers (the given mapping, else the suggested one),
 * and runs the engine with the job's step, so each batch commits with its checkpoint and a re-run resumes after
 * it (docs/decisions/0032-import.md).
 */
export function importJobKind(
  open: OpenImportSource,
  kind: ImportJobKindName = 'import',
): JobKind<ImportParams, ImportResult> {
  return {
    kind,
    permission: 'import',
    parse: (params) => {
      const p = parseInput(
        ImportParams,
        params,
        'IMPORT_INVALID',
        text('导入参数有误', 'The import options are not valid'),
      )
      if (!p.uploadId && !p.path) throw invalid('IMPORT_INVALID', text('请指定要导入的文件', 'Name the file to import'))
      return p
    },
    async run(run) {
      const { ctx, params } = run
      assertCan(ctx.actor, params.mode === 'insert' ? 'customer:create' : 'customer:edit')
      const source = await open(ctx, params)
      const mapping = params.mapping ?? (await suggestImportMapping(ctx, source.headers))
      const checkpoint = run.job.checkpoint as { row?: number } | null
      const {
        headers: _h,
        format: _f,
        encoding: _e,
        ...tally
      } = await runImport(
        {
          ctx,
          jobId: run.job.id,
          signal: run.signal,
          resumeAfter: checkpoint?.row,
          step: run.step,
          report: run.report,
        },
        source,
        {
          mapping,
          mode: params.mode,
          key: params.key ?? 'code',
          allOrNothing: params.allOrNothing ?? false,
          dryRun: params.dryRun ?? false,
        },
      )
      return { ...tally, hasErrorFile: tally.bad > 0 }
    },
  }
}

/** The tenant's saved mappings, by name. */
export async function listImportMappings({ deps, actor, tenant }: RequestContext) {
  assertCan(actor, 'import')
  return deps.store.read(async (tx) => tx.importMappings.list((await resolveTenant(tx, tenant)).id))
}

/** One saved mapping. */
export async function getImportMapping({ deps, actor, tenant }: RequestContext, name: string): Promise<ImportMapping> {
  assertCan(actor, 'import')
  const found = await deps.store.read(async (tx) => tx.importMappings.get((await resolveTenant(tx, tenant)).id, name))
  if (!found)
    throw notFound(
      'IMPORT_MAPPING_NOT_FOUND',
      text(`没有名为“${name}”的导入映射`, `No import mapping is named "${name}"`),
    )
  return parseInput(
    ImportMappingInput,
    found.mapping,
    'IMPORT_INVALID',
    text('导入映射有误', 'The mapping is not valid'),
  )
}

/** Saves a mapping under a name (over the one of that name). */
export async function saveImportMapping(
  { deps, actor, tenant }: RequestContext,
  name: string,
  raw: ImportMapping,
): Promise<void> {
  assertCan(actor, 'import')
  const mapping = parseInput(
    ImportMappingInput,
    raw,
    'IMPORT_INVALID',
    text('导入映射有误', 'The mapping is not valid'),
  )
  const label = name.trim()
  if (!label || label.length > 100)
    throw invalid('IMPORT_INVALID', text('映射名称应为 1–100 个字', 'A mapping name has 1–100 characters'))
  await deps.store.transaction(async (tx) =>
    tx.importMappings.put(
      (await resolveTenant(tx, tenant)).id,
      label,
      mapping,
      actor.label,
      deps.clock.now().toISOString(),
    ),
  )
}

/** Deletes a saved mapping. */
export async function deleteImportMapping({ deps, actor, tenant }: RequestContext, name: string): Promise<void> {
  assertCan(actor, 'import')
  const gone = await deps.store.transaction(async (tx) =>
    tx.importMappings.remove((await resolveTenant(tx, tenant)).id, name),
  )
  if (!gone)
    throw notFound(
      'IMPORT_MAPPING_NOT_FOUND',
      text(`没有名为“${name}”的导入映射`, `No import mapping is named "${name}"`),
    )
}
