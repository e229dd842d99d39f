// A hostile page open in the same browser (another origin, or kehu's own port reached through a foreign
// host name, as DNS rebinding does) tries every write a page can send without a CORS preflight, and
// tries to frame the UI. Nothing may change and nothing may render in the frame.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, launchBrowser, type RunningApp, screenshot, startApp } from './harness.js'

const attackPage = (kehu: string, code: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>hostile</title></head><body>
<h1>A page of another site</h1>
<iframe id="frame" src="${kehu}/" width="600" height="300"></iframe>
<iframe name="sink1" width="300" height="100"></iframe><iframe name="sink2" width="300" height="100"></iframe>
<form id="plain" method="POST" enctype="text/plain" action="${kehu}/api/t/demo/customers" target="sink1">
  <input name='{"name":"跨站客户","x":"' value='"}'></form>
<form id="urlencoded" method="POST" action="${kehu}/api/t/demo/customers/${code}/archive" target="sink2">
  <input name="a" value="b"></form>
<script>
window.attack = async () => {
  const k = ${JSON.stringify(kehu)}, c = ${JSON.stringify(code)}
  const out = []
  const tries = [
    [k + '/api/t/demo/customers/' + c + '/archive', { method: 'POST', mode: 'no-cors' }],
    [k + '/api/t/demo/customers/' + c + '/disable', { method: 'POST', mode: 'no-cors', body: '{}', headers: { 'content-type': 'text/plain' } }],
    [k + '/api/tenants', { method: 'POST', mode: 'no-cors', body: '{"code":"evil","name":"evil"}' }],
    [k + '/api/t/demo/codes/audit/fix', { method: 'POST', mode: 'no-cors' }],
    // With a JSON type the browser asks first (preflight); kehu never says yes, so this is never sent.
    [k + '/api/t/demo/customers/' + c + '/archive', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
  ]
  for (const [url, init] of tries) {
    try { await fetch(url, init); out.push('answered') } catch { out.push('blocked') }
  }
  out.push(navigator.sendBeacon(k + '/api/t/demo/customers/' + c + '/archive', '{}'))
  out.push(navigator.sendBeacon(k + '/api/t/demo/customers/' + c + '/disable', new Blob(['{}'])))
  document.getElementById('plain').submit()
  document.getElementById('urlencoded').submit()
  return out
}
</script></body></html>`

describeBrowser('a hostile site', () => {
  let app: RunningApp | undefined
  let browser: Browser | undefined
  let hostile: Server | undefined
  let code = ''

  // Everything a write could have touched, read through the API.
  const state = async () => {
    const get = async (path: string) => (await fetch(`${app!.url}${path}`)).json()
    return JSON.stringify([
      await get('/api/tenants'),
      await get('/api/t/demo/customers?status=active,disabled,archived&limit=500'),
      await get('/api/t/demo/codes/capacity'),
    ])
  }

  beforeAll(async () => {
    app = await startApp()
    browser = await launchBrowser(['--host-resolver-rules=MAP evil.test 127.0.0.1'])
    const list = (await (await fetch(`${app.url}/api/t/demo/customers?limit=1`)).json()) as {
      items: { code: string }[]
    }
    code = list.items[0]!.code
    const html = attackPage(app.url, code)
    hostile = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html))
    await new Promise<void>((resolve) => hostile!.listen(0, 'localhost', resolve))
  })

  afterAll(async () => {
    await browser?.close()
    hostile?.close()
    await app?.close()
  })

  const newPage = async (): Promise<Page> => {
    const page = await (await browser!.newContext({ viewport: { width: 1000, height: 800 } })).newPage()
    page.setDefaultTimeout(15_000)
    return page
  }

  it('changes nothing through no-cors fetches, text/plain and url-encoded forms or beacons, and is not framed', async () => {
    const before = await state()
    const page = await newPage()
    const settled: string[] = []
    const track = (r: { url(): string; method(): string }) => {
      if (r.url().startsWith(`${app!.url}/api/`) && r.method() === 'POST') settled.push(r.url())
    }
    page.on('requestfinished', track)
    page.on('requestfailed', track)
    await page.goto(`http://localhost:${(hostile!.address() as AddressInfo).port}/`)
    const out = await page.evaluate(() => (window as unknown as { attack(): Promise<unknown[]> }).attack())
    // The no-cors answers are unreadable (CORP), the preflighted fetch is never sent; the beacons were queued.
    expect(out).toEqual(['blocked', 'blocked', 'blocked', 'blocked', 'blocked', true, true])
    // Four fetches, two beacons and two forms went out to kehu (the preflighted one did not).
    await expect.poll(() => settled.length).toBeGreaterThanOrEqual(8)
    await page.frameLocator('iframe[name=sink2]').locator('body').waitFor({ state: 'attached' })
    expect(await state()).toBe(before)
    expect(await page.frameLocator('#frame').locator('#root').count()).toBe(0)
    expect(await page.frameLocator('#frame').getByText('客户').count()).toBe(0)
    await screenshot(page, 'hostile-site')
  })

  it('answers a page reached through a foreign host name (DNS rebinding) with 421 and nothing else', async () => {
    const before = await state()
    const page = await newPage()
    const port = new URL(app!.url).port
    const first = await page.goto(`http://evil.test:${port}/`)
    expect(first?.status()).toBe(421)
    expect(await page.locator('#root').count()).toBe(0)
    const statuses = await page.evaluate(async (c) => {
      const read = await fetch('/api/t/demo/customers')
      const write = await fetch(`/api/t/demo/customers/${c}/archive`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kehu-request': '1' },
        body: '{}',
      })
      return [read.status, write.status]
    }, code)
    expect(statuses).toEqual([421, 421])
    expect(await state()).toBe(before)
    await screenshot(page, 'hostile-host')
  })

  it('still serves its own UI and API reference under the CSP, with no violation', async () => {
    const page = await newPage()
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
    })
    await page.goto(app!.url)
    await page.getByTestId('stat-customers').waitFor()
    await page.goto(`${app!.url}/api/docs`)
    await page.locator('.swagger-ui .info .title').waitFor()
    await page.locator('.opblock').first().waitFor()
    await screenshot(page, 'api-docs-csp')
    // Its "Try it out" sends the header a bodiless change needs.
    const sent = await page.evaluate(() => {
      const ui = (window as unknown as { ui: { getConfigs(): { requestInterceptor(r: object): { headers: object } } } })
        .ui
      return ui.getConfigs().requestInterceptor({ headers: {} }).headers
    })
    expect(sent).toEqual({ 'X-Kehu-Request': '1' })
    expect(violations).toEqual([])
  })
})
