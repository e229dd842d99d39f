import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { chooseEncoding } from './compression.js'
import type { KehuApp } from './context.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
}

/**
 * Serves the built web UI; unknown paths outside /api get index.html (client-side routes). A file the
 * build precompressed (`.br`, `.gz` beside it) is sent in the best encoding the browser accepts.
 */
export function registerStaticWeb(app: KehuApp, webDir: string | undefined) {
  const index = webDir ? join(webDir, 'index.html') : undefined
  app.get('*', (c) => {
    const path = decodeURIComponent(new URL(c.req.url).pathname)
    if (path.startsWith('/api/')) return c.notFound()
    if (!webDir || !index || !existsSync(index))
      return c.html(
        '<!doctype html><meta charset="utf-8"><title>kehu</title><p>界面尚未构建：请运行 <code>npm run build</code>。The web UI is not built: run <code>npm run build</code>. API: <a href="/api/docs">/api/docs</a></p>',
        503,
      )
    const file = normalize(join(webDir, path))
    if (file.startsWith(webDir + sep) && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('/assets/')
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'Accept-Encoding',
      }
      const encoding = chooseEncoding(c.req.header('accept-encoding'))
      const packed = encoding && `${file}.${encoding === 'br' ? 'br' : 'gz'}`
      if (packed && existsSync(packed)) {
        headers['content-encoding'] = encoding
        return c.body(new Uint8Array(readFileSync(packed)), 200, headers)
      }
      return c.body(new Uint8Array(readFileSync(file)), 200, headers)
    }
    return c.body(readFileSync(index, 'utf8'), 200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' })
  })
}
