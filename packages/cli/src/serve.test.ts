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

  it("npm start: the first start prints the demo users' passwords once; a second start creates and prints none", async () => {
    const data = mkdtempSync(join(tmpdir(), 'kehu-serve-demo-'))
    try {
      const start = async () => {
        const lines: string[] = []
        const s = await serve({
          port: 0,
          dataDir: data,
          demoIfEmpty: true,
          demoUsers: true,
          quiet: true,
          readWorkers: 0,
          log: (l) => lines.push(l),
        })
        return { s, lines }
      }
      const first = await start()
      const passwords = first.lines.flatMap(
        (l) => /^ {2}(admin|clerk|sales|readonly) +(\S{12}) /.exec(l)?.slice(1) ?? [],
      )
      await first.s.close()
      expect(passwords.filter((_, i) => i % 2 === 0)).toEqual(['admin', 'clerk', 'sales', 'readonly'])
      const second = await start()
      try {
        // passwords are stored as hashes only: nothing to reprint, and the users are not made again
        expect(second.lines.join('\n')).not.toMatch(/demo users|演示用户/)
        const res = await fetch(`${second.s.url}/api/t/demo/customers?limit=1`)
        expect(res.status).toBe(401) // sign-in is required once the demo users exist (ADR 0023)
        await res.text()
      } finally {
        await second.s.close()
      }
    } finally {
      rmSync(data, { recursive: true, force: true })
    }
  }, 120_000)

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
