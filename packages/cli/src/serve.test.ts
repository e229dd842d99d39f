import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serve } from './serve.js'

/** The status of GET /api/health sent with this Host header (fetch may not set Host). */
const statusFor = (url: string, host: string) =>
  new Promise<number>((resolve, reject) => {
    const u = new URL('/api/health', url)
    request({ hostname: u.hostname, port: u.port, path: u.pathname, headers: { host } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
      .on('error', reject)
      .end()
  })

describe('kehu serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kehu-serve-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('answers for loopback names and the allowed hosts only (421 for others)', async () => {
    const server = await serve({ port: 0, dataDir: dir, allowedHosts: ['kehu.lan'], quiet: true })
    try {
      const port = new URL(server.url).port
      expect(await statusFor(server.url, `127.0.0.1:${port}`)).toBe(200)
      expect(await statusFor(server.url, `localhost:${port}`)).toBe(200)
      expect(await statusFor(server.url, `kehu.lan:${port}`)).toBe(200)
      expect(await statusFor(server.url, `evil.test:${port}`)).toBe(421)
    } finally {
      await server.close()
    }
  })
})
