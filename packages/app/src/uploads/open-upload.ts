import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { assertCan, notFound, text, type Upload } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'

/** An upload of the tenant (for its name, size and format). */
export async function getUpload(ctx: RequestContext, id: string): Promise<Upload> {
  assertCan(ctx.actor, 'import')
  return ctx.deps.store.read(async (tx) => {
    const t = await resolveTenant(tx, ctx.tenant)
    const u = await tx.uploads.byId(t.id, id)
    if (!u)
      throw notFound(
        'UPLOAD_NOT_FOUND',
        text('上传的文件不存在或已过期，请重新上传', 'No such upload (or it has expired); upload the file again'),
        {
          id,
        },
      )
    return u
  })
}

/** The upload's bytes, streamed a chunk (1 MB) per short read. */
export async function openUpload(ctx: RequestContext, id: string): Promise<Readable> {
  const u = await getUpload(ctx, id)
  const { store } = ctx.deps
  async function* chunks() {
    for (let seq = 0; ; seq++) {
      const c = await store.read((tx) => tx.uploads.chunk(u.tenantId, u.id, seq))
      if (!c) return
      yield c
    }
  }
  return Readable.from(chunks(), { objectMode: false })
}

/**
 * The upload in a temporary file (the XLSX reader needs a path); `remove` deletes it and its folder.
 */
export async function writeUploadToTempFile(
  ctx: RequestContext,
  id: string,
): Promise<{ path: string; upload: Upload; remove: () => Promise<void> }> {
  const upload = await getUpload(ctx, id)
  const dir = await mkdtemp(join(tmpdir(), 'kehu-upload-'))
  const path = join(dir, `upload.${upload.format === 'xlsx' ? 'xlsx' : 'csv'}`)
  const remove = () => rm(dir, { recursive: true, force: true })
  try {
    await pipeline(await openUpload(ctx, id), createWriteStream(path))
  } catch (e) {
    await remove()
    throw e
  }
  return { path, upload, remove }
}
