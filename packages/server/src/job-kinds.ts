import {
  type AnyJobKind,
  codeAuditFixJob,
  importJobKind,
  type OpenImportSource,
  writeUploadToTempFile,
} from '@kehu/app'
import { invalid, text } from '@kehu/core'
import { openTable } from '@kehu/files'
import type { ReadPool } from './reads/read-pool.js'
import { readsFor } from './reads/reads-for.js'

/**
 * An upload as rows, for the import and its preview. The server imports uploads only (never a path): the upload is
 * copied to a temporary file for the reader, removed when the rows have been read (or left by `break`).
 */
export const openUploadSource: OpenImportSource = async (ctx, p) => {
  if (!p.uploadId) throw invalid('IMPORT_INVALID', text('请先上传要导入的文件', 'Upload the file to import first'))
  const tmp = await writeUploadToTempFile(ctx, p.uploadId)
  const source = await openTable(tmp.path, {
    ...(p.sheet === undefined ? {} : { sheet: p.sheet }),
    ...(p.encoding === undefined ? {} : { encoding: p.encoding }),
  }).catch(async (e: unknown) => {
    await tmp.remove()
    throw e
  })
  const rows = source.rows
  return {
    ...source,
    rows: (async function* () {
      try {
        yield* rows
      } finally {
        await tmp.remove()
      }
    })(),
  }
}

/**
 * The kinds of job the server starts and its runner runs (`kehu serve`). Their long reads go to the read
 * workers like a request's (ADR 0022), with the job's signal in place of the request's budget.
 */
export function serverJobKinds(pool: ReadPool | undefined) {
  const codeAuditFix = codeAuditFixJob((ctx, signal) => readsFor(pool, signal).run('auditCodes', ctx))
  const importCustomers = importJobKind(openUploadSource)
  return { codeAuditFix, importCustomers, all: [codeAuditFix, importCustomers] as AnyJobKind[] }
}
