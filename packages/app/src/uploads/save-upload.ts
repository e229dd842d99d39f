import { createHash } from 'node:crypto'
import { AppError, assertCan, sniffFormat, text, type Upload } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'

/** Bytes per stored chunk. */
export const UPLOAD_CHUNK = 1024 * 1024
/** Uploads older than this are deleted when another is saved: long enough for an import to resume. */
export const UPLOAD_KEEP_DAYS = 7
export const DEFAULT_MAX_UPLOAD = 256 * 1024 * 1024

export interface SaveUploadInput {
  name: string
  stream: AsyncIterable<Uint8Array>
  /** Bytes allowed; more is `UPLOAD_TOO_LARGE` (HTTP 413) and nothing is kept. */
  maxBytes?: number
}

export const uploadTooLarge = (max: number) =>
  new AppError(
    'too-large',
    'UPLOAD_TOO_LARGE',
    text(
      `上传的文件超过 ${Math.round(max / 1024 / 1024)} MB 的上限`,
      `The upload is over the limit of ${Math.round(max / 1024 / 1024)} MB`,
    ),
    { details: { maxBytes: max } },
  )

/**
 * Keeps a file for an import: streamed into 1 MB chunks, each its own short transaction, hashed on the way;
 * its format comes from its first bytes. A failed or too large upload leaves nothing behind.
 */
export async function saveUpload(ctx: RequestContext, input: SaveUploadInput): Promise<Upload> {
  const { deps, actor } = ctx
  assertCan(actor, 'import')
  const max = input.maxBytes ?? DEFAULT_MAX_UPLOAD
  const now = deps.clock.now()
  const id = deps.ids.next()
  const name = baseName(input.name)
  const tenantId = await deps.store.transaction(async (tx) => {
    const t = await resolveTenant(tx, ctx.tenant)
    await tx.uploads.deleteBefore(t.id, new Date(now.getTime() - UPLOAD_KEEP_DAYS * 86_400_000).toISOString())
    await tx.uploads.begin({ id, tenantId: t.id, name, createdBy: actor.userId, createdAt: now.toISOString() })
    return t.id
  })
  try {
    const hash = createHash('sha256')
    let size = 0
    let seq = 0
    let head: Uint8Array | undefined
    let pending: Uint8Array[] = []
    let pendingSize = 0
    const keep = async (chunk: Buffer) => {
      head ??= chunk.subarray(0, 4096)
      await deps.store.transaction((tx) => tx.uploads.addChunk(tenantId, id, seq++, chunk))
    }
    for await (const part of input.stream) {
      size += part.byteLength
      if (size > max) throw uploadTooLarge(max)
      hash.update(part)
      pending.push(part)
      pendingSize += part.byteLength
      while (pendingSize >= UPLOAD_CHUNK) {
        const all = Buffer.concat(pending)
        await keep(all.subarray(0, UPLOAD_CHUNK))
        pending = [all.subarray(UPLOAD_CHUNK)]
        pendingSize = all.byteLength - UPLOAD_CHUNK
      }
    }
    if (pendingSize > 0 || seq === 0) await keep(Buffer.concat(pending))
    const done = { size, sha256: hash.digest('hex'), format: sniffFormat(head ?? new Uint8Array()) }
    await deps.store.transaction((tx) => tx.uploads.complete(tenantId, id, done))
    return { id, tenantId, name, ...done, createdBy: actor.userId, createdAt: now.toISOString() }
  } catch (e) {
    await deps.store.transaction((tx) => tx.uploads.delete(tenantId, id)).catch(() => {})
    throw e
  }
}

/** The file's own name: no folders (a browser may send `C:\fakepath\…`), at most 255 characters. */
const baseName = (name: string) => (name.split(/[\\/]/).pop() ?? '').trim().slice(0, 255) || 'upload'
