// Issue 15.3: no request stalls the others. A code audit of a large tenant runs on a read worker while
// /api/health and customer reads are timed against the real HTTP server.
import { dirname } from 'node:path'
import { findCustomers } from '@kehu/app'
import { type AppTest, setupAppTest } from '@kehu/app/testing'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_TENANT, loadDemo } from './demo.js'
import { type Serving, serve } from './serve.js'

const timed = async (url: string) => {
  const t = performance.now()
  const r = await fetch(url)
  await r.arrayBuffer()
  return { status: r.status, ms: performance.now() - t }
}

describe.each(testKinds())('no request stalls the server on %s', (kind) => {
  // enough that the audit lasts seconds on either database, so a blocked loop could not pass unnoticed
  const CUSTOMERS = 12_000
  let t: AppTest
  let customerId: string
  const servers: Serving[] = []
  const start = async (o: { readWorkers?: number; requestTimeout?: number } = {}) => {
    const s = await serve({
      port: 0,
      quiet: true,
      dataDir: t.db.config.dataDir ?? dirname(t.db.file ?? '.'),
      databaseUrl: t.db.config.databaseUrl,
      ...o,
    })
    servers.push(s)
    return s
  }

  beforeAll(async () => {
    t = await setupAppTest(kind)
    await loadDemo(t.base, { customers: CUSTOMERS, batchSize: 1000 })
    const page = await findCustomers(t.ctx(DEMO_TENANT), { limit: 1, offset: CUSTOMERS / 2 })
    customerId = page.items[0]?.customer.id as string
    expect(customerId).toBeTruthy()
  }, 600_000)
  afterAll(async () => {
    for (const s of servers) await s.close()
    await t?.dispose()
  })

  it(`a code audit of ${CUSTOMERS.toLocaleString('en')} customers runs while /api/health and customer reads go on answering within 100 ms`, async () => {
    const s = await start({ readWorkers: 2 })
    const api = `${s.url}/api`
    // both workers up (from source they compile first); afterwards nothing waits for a start
    await Promise.all([timed(`${api}/t/${DEMO_TENANT}/summary`), timed(`${api}/t/${DEMO_TENANT}/summary`)])
    const t0 = performance.now()
    let auditMs = 0
    const audit = fetch(`${api}/t/${DEMO_TENANT}/codes/audit`).then(async (r) => {
      const body = (await r.json()) as { checked: number }
      auditMs = performance.now() - t0
      return { status: r.status, body }
    })
    let done = false
    void audit.finally(() => {
      done = true
    })
    const health: number[] = []
    const reads: number[] = []
    const lists: number[] = []
    while (!done) {
      const h = await timed(`${api}/health`)
      const c = await timed(`${api}/t/${DEMO_TENANT}/customers/${customerId}`)
      const l = await timed(`${api}/t/${DEMO_TENANT}/customers?limit=20`)
      expect([h.status, c.status, l.status]).toEqual([200, 200, 200])
      if (done) break // finished while these ran: they no longer overlap the audit
      health.push(h.ms)
      reads.push(c.ms)
      lists.push(l.ms)
      await new Promise((r) => setTimeout(r, 20))
    }
    const a = await audit
    expect(a.status).toBe(200)
    expect(a.body.checked).toBe(CUSTOMERS)
    const sorted = (xs: number[]) => xs.map(Math.round).sort((x, y) => x - y)
    const pct = (xs: number[], p: number) => sorted(xs)[Math.ceil(p * xs.length) - 1] as number
    console.info(
      `${kind}: audit ${Math.round(auditMs)} ms; during it ${health.length} rounds (ms)\nhealth ${sorted(health).join(' ')}\nread ${sorted(reads).join(' ')}\nlist ${sorted(lists).join(' ')}`,
    )
    // Were the audit on the event loop, every request sent during it would wait for its end: a round or
    // two, each taking about the audit's time (seconds). Instead many rounds ran beside it, nine in ten health
    // checks and the median customer read within 100 ms. Not every one: on a shared two-core machine (load
    // average over 20 while these tests ran) a request is now and then descheduled for longer, and a customer
    // read (thousands of class nodes for its paths) costs enough CPU to feel the load. The search (list) runs
    // on the other worker, beside the audit: printed, not asserted.
    expect(auditMs).toBeGreaterThan(500)
    expect(health.length).toBeGreaterThanOrEqual(5)
    expect(pct(health, 0.9)).toBeLessThan(100)
    expect(pct(reads, 0.5)).toBeLessThan(100)
  }, 300_000)

  it('a read that spends its time budget gets a 503 problem, and the pool serves later ones', async () => {
    const s = await start({ readWorkers: 1, requestTimeout: 0.2 })
    const r = await fetch(`${s.url}/api/t/${DEMO_TENANT}/codes/audit`, { headers: { 'accept-language': 'en' } })
    expect(r.status).toBe(503)
    expect(r.headers.get('content-type')).toContain('application/problem+json')
    const p = (await r.json()) as { code: string; detail: string }
    expect(p.code).toBe('REQUEST_TIMEOUT')
    expect(p.detail).toContain('did not finish within 0.2 s')
    // the stopped worker's replacement starts; within the same short budget a later read succeeds
    let next = await fetch(`${s.url}/api/t/${DEMO_TENANT}/summary`)
    for (let i = 0; i < 50 && next.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 200))
      next = await fetch(`${s.url}/api/t/${DEMO_TENANT}/summary`)
    }
    expect(next.status).toBe(200)
    expect(((await next.json()) as { customers: number }).customers).toBe(CUSTOMERS)
    const missing = await fetch(`${s.url}/api/t/nosuch/customers`)
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { code: string }).code).toBe('TENANT_NOT_FOUND')
  }, 60_000)
})
