import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'

/** Content types worth compressing: text, JSON (problem+json too), JavaScript, SVG. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.+-]*\+)?json|application\/javascript|image\/svg\+xml)/i
/** Below this many bytes compression costs more than it saves. */
const THRESHOLD = 1024

export type Encoding = 'br' | 'gzip'

/** The best encoding the client accepts (Accept-Encoding, with q-values): brotli, then gzip; undefined: none. */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined
  const q = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    q.set(name as string, qp ? Number(qp.slice(2)) : 1)
  }
  const of = (e: string) => q.get(e) ?? q.get('*') ?? 0
  const best = (['br', 'gzip'] as const).filter((e) => of(e) > 0).sort((a, b) => of(b) - of(a))[0]
  return best
}

/**
 * Compresses responses the client accepts compressed (brotli or gzip, negotiated), unless already
 * encoded (the precompressed web assets), too small, or tagged with a strong ETag (one record). API bodies are built whole, so buffering costs
 * nothing; brotli at quality 5 keeps a 1 MB JSON page well under 10 ms.
 */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const res = c.res
    const type = res.headers.get('content-type') ?? ''
    if (
      c.req.method === 'HEAD' ||
      !res.body ||
      res.status === 204 ||
      res.status === 206 ||
      res.headers.has('content-encoding') ||
      // A record's strong ETag ("v3") is what If-Match must echo; compressed bytes would need a weak one.
      res.headers.has('etag') ||
      // A download (export, template) is streamed: buffering it to compress would hold a million rows.
      res.headers.get('content-disposition')?.startsWith('attachment') ||
      !COMPRESSIBLE.test(type)
    )
      return
    const vary = res.headers.get('vary')
    if (!vary) res.headers.set('vary', 'Accept-Encoding')
    else if (!/accept-encoding/i.test(vary)) res.headers.set('vary', `${vary}, Accept-Encoding`)
    const encoding = chooseEncoding(c.req.header('accept-encoding'))
    if (!encoding) return
    const body = new Uint8Array(await res.arrayBuffer())
    const headers = new Headers(res.headers)
    if (body.byteLength < THRESHOLD) {
      c.res = new Response(body, { status: res.status, headers })
      return
    }
    const packed =
      encoding === 'br'
        ? brotliCompressSync(body, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
          })
        : gzipSync(body)
    headers.set('content-encoding', encoding)
    headers.set('content-length', String(packed.byteLength))
    c.res = new Response(new Uint8Array(packed), { status: res.status, headers })
  }
}
