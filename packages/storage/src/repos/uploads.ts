import type { SniffedFormat, UploadRepo } from '@kehu/core'
import { b, num } from '../rows/values.js'
import { isUuid, type Q } from './query.js'

const bytes = (d: Uint8Array) => Buffer.from(d.buffer, d.byteOffset, d.byteLength)

/** Uploads and their chunks; a chunk is read alone, so a reader streams a file of any size. */
export function uploads(q: Q): UploadRepo {
  return {
    begin: async (u) => {
      await q
        .insertInto('upload')
        .values({
          tenant_id: u.tenantId,
          id: u.id,
          name: u.name,
          size: 0,
          sha256: null,
          format: null,
          complete: b(false),
          created_by: u.createdBy,
          created_at: u.createdAt,
        })
        .execute()
    },
    addChunk: async (tenantId, uploadId, seq, data) => {
      await q
        .insertInto('upload_chunk')
        .values({ tenant_id: tenantId, upload_id: uploadId, seq, data: bytes(data) })
        .execute()
    },
    complete: async (tenantId, id, done) => {
      await q
        .updateTable('upload')
        .set({ size: done.size, sha256: done.sha256, format: done.format, complete: b(true) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute()
    },
    byId: async (tenantId, id) => {
      if (!isUuid(id)) return undefined
      const r = await q
        .selectFrom('upload')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('complete', '=', b(true))
        .executeTakeFirst()
      return (
        r && {
          id: r.id,
          tenantId: r.tenant_id,
          name: r.name,
          size: num(r.size),
          sha256: r.sha256 ?? '',
          format: (r.format ?? 'unknown') as SniffedFormat,
          createdBy: r.created_by,
          createdAt: new Date(r.created_at).toISOString(),
        }
      )
    },
    chunk: async (tenantId, uploadId, seq) => {
      if (!isUuid(uploadId)) return undefined
      const r = await q
        .selectFrom('upload_chunk')
        .select('data')
        .where('tenant_id', '=', tenantId)
        .where('upload_id', '=', uploadId)
        .where('seq', '=', seq)
        .executeTakeFirst()
      return r ? new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) : undefined
    },
    delete: async (tenantId, id) => {
      await q.deleteFrom('upload').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
    },
    deleteBefore: async (tenantId, before) => {
      const r = await q
        .deleteFrom('upload')
        .where('tenant_id', '=', tenantId)
        .where('created_at', '<', before)
        .executeTakeFirst()
      return Number(r.numDeletedRows)
    },
  }
}
