import { createRoute, z } from '@hono/zod-openapi'
import { DEFAULT_MAX_UPLOAD, saveUpload, uploadTooLarge } from '@kehu/app'
import { invalid, text } from '@kehu/core'
import { ctxOf, type KehuApp, type ServerContext } from '../context.js'
import { json, problemResponses, TenantParam } from './common.js'

const UploadOut = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.number(),
    sha256: z.string(),
    format: z.enum(['csv', 'xlsx', 'xls', 'unknown']).openapi({ description: 'What its first bytes say it is' }),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('Upload')

/** Uploads: a file kept for an import (ADR 0031); the body is the file itself, streamed. */
export function registerUploadRoutes(app: KehuApp, server: ServerContext) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/uploads',
      tags: ['import'],
      summary: 'Upload a file for an import: the raw bytes (Content-Type: application/octet-stream)',
      description:
        'The file name goes in the header `X-File-Name`, percent-encoded. Over the size limit (`--max-upload`) the answer is 413.',
      request: { params: TenantParam },
      responses: { 201: json(UploadOut, 'The upload'), ...problemResponses },
    }),
    async (c) => {
      const max = server.maxUploadBytes ?? DEFAULT_MAX_UPLOAD
      if (Number(c.req.header('content-length') ?? 0) > max) throw uploadTooLarge(max)
      if (c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() !== 'application/octet-stream')
        throw invalid(
          'UPLOAD_BODY_INVALID',
          text('上传的文件须以 application/octet-stream 发送', 'Send the file as application/octet-stream'),
        )
      let name = 'upload'
      try {
        name = decodeURIComponent(c.req.header('x-file-name') ?? 'upload')
      } catch {}
      const body = c.req.raw.body as unknown as AsyncIterable<Uint8Array> | null
      const u = await saveUpload(ctxOf(c, c.req.valid('param').tenant), {
        name,
        stream: body ?? (async function* () {})(),
        maxBytes: max,
      })
      const { tenantId: _, ...out } = u
      return c.json(out, 201)
    },
  )
}
