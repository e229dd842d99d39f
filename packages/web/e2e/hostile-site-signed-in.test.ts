// CSRF against a signed-in browser: a password user signs in through the UI (cookie session), then a page of
// another origin in the same browser tries to create, edit and archive customers with forms and with
// credentialed fetches. Nothing may change; the same session, from kehu's own page, still can write.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, launchBrowser, type RunningApp, screenshot, startApp } from './harness.js'

const PASSWORD = 'correct horse battery'

const attackPage = (kehu: string, code: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>hostile</title></head><body>
<h1>Another site, while you are signed in to kehu</h1>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe><iframe name="sink3"></iframe>
<form id="create" method="POST" enctype="text/plain" action="${kehu}/api/t/demo/customers" target="sink1">
  <input name='{"name":"跨站客户","x":"' value='"}'></form>
<form id="archive" method="POST" action="${kehu}/api/t/demo/customers/${code}/archive" target="sink2">
  <input name="a" value="b"></form>
<form id="multipart" method="POST" enctype="multipart/form-data" action="${kehu}/api/t/demo/customers" target="sink3">
  <input name="name" value="跨站客户二"></form>
<script>
window.attack = async () => {
  const k = ${JSON.stringify(kehu)} + '/api/t/demo/customers', c = ${JSON.stringify(code)}
  const json = { 'content-type': 'application/json' }
  const tries = [
    [k, { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"name":"跨站客户三"}', headers: { 'content-type': 'text/plain' } }],
    [k + '/' + c + '/archive', { method: 'POST', mode: 'no-cors', credentials: 'include' }],
    [k + '/' + c + '/disable', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' }],
    // These need a preflight (JSON type, PATCH, kehu's own header); kehu never allows another origin.
    [k, { method: 'POST', credentials: 'include', headers: { ...json, 'x-kehu-request': '1' }, body: '{"name":"跨站客户四"}' }],
    [k + '/' + c, { method: 'PATCH', credentials: 'include', headers: { ...json, 'if-match': '"v1"' }, body: '{"name":"改名"}' }],
    [k + '/' + c + '/archive', { method: 'POST', credentials: 'include', headers: json, body: '{}' }],
  ]
  const out = []
  for (const [url, init] of tries) {
    try { const r = await fetch(url, init); out.push(r.type === 'opaque' ? 'opaque' : r.status) } catch { out.push('blocked') }
  }
  for (const id of ['create', 'archive', 'multipart']) document.getElementById(id).submit()
  return out
}
</script></body></html>`

describeBrowser('a hostile site against a signed-in browser', () => {
  let app: RunningApp | undefined
  let browser: Browser | undefined
  let hostile: Server | undefined
  let context: BrowserContext | undefined
  let code = ''
  let apiCookie = ''

  // Everything a write could have touched, read through the API with a session of its own.
  const state = async () => {
    const get = async (path: string) => (await fetch(`${app!.url}${path}`, { headers: { cookie: apiCookie } })).json()
    return JSON.stringify([
      await get('/api/t/demo/customers?status=active,disabled,archived&limit=500'),
      await get(`/api/t/demo/customers/${code}`),
    ])
  }

  beforeAll(async () => {
    app = await startApp()
    // The first administrator with a password: from here on sign-in is in force, loopback included.
    const setUp = await fetch(`${app.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ login: 'chief', displayName: '张总', password: PASSWORD }),
    })
    expect(setUp.status).toBe(201)
    apiCookie = (setUp.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const list = (await (
      await fetch(`${app.url}/api/t/demo/customers?limit=1`, { headers: { cookie: apiCookie } })
    ).json()) as { items: { id: string; code: string }[] }
    code = list.items[0]!.code
    browser = await launchBrowser()
    const html = attackPage(app.url, code)
    hostile = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html))
    await new Promise<void>((resolve) => hostile!.listen(0, 'localhost', resolve))
    context = await browser.newContext({ viewport: { width: 1000, height: 800 }, locale: 'zh-CN' })
  })

  afterAll(async () => {
    await browser?.close()
    hostile?.close()
    await app?.close()
  })

  const newPage = async (): Promise<Page> => {
    const page = await context!.newPage()
    page.setDefaultTimeout(20_000)
    return page
  }

  it('signs in through the UI, then another origin changes nothing by forms or credentialed fetches', async () => {
    const page = await newPage()
    await page.goto(`${app!.url}/t/demo/customers`)
    await page.getByLabel(/^登录名$/).fill('chief')
    await page.getByLabel(/^密码$/).fill(PASSWORD)
    await page.getByRole('button', { name: '登 录' }).click()
    await page.getByTestId('user-menu').getByText('张总').waitFor()
    expect((await context!.cookies()).map((c) => c.name)).toContain('kehu_session')
    const before = await state()

    const evil = await newPage()
    const sent: string[] = []
    const track = (r: { url(): string; method(): string }) => {
      if (r.url().startsWith(`${app!.url}/api/`) && r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`)
    }
    evil.on('requestfinished', track)
    evil.on('requestfailed', track)
    await evil.goto(`http://localhost:${(hostile!.address() as AddressInfo).port}/`)
    const out = await evil.evaluate(() => (window as unknown as { attack(): Promise<unknown[]> }).attack())
    // The simple requests go out but their answers are unreadable; the preflighted ones are never sent.
    expect(out.slice(0, 3).every((o) => o === 'opaque' || o === 'blocked')).toBe(true)
    expect(out.slice(3)).toEqual(['blocked', 'blocked', 'blocked'])
    // Three simple fetches and three forms reached kehu (waiting for them, not for time).
    await expect.poll(() => sent.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(6)
    for (const sink of ['sink1', 'sink2', 'sink3'])
      await evil.frameLocator(`iframe[name=${sink}]`).locator('body').waitFor({ state: 'attached' })
    expect(await state()).toBe(before)
    await screenshot(evil, 'hostile-site-signed-in')

    // The same session from kehu's own page can write: the check above could have seen a change.
    const answer = await page.evaluate(async (c) => {
      const r = await fetch(`/api/t/demo/customers/${c}/archive`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kehu-request': '1' },
        body: '{}',
      })
      return [r.status, r.ok ? '' : await r.text()]
    }, code)
    expect(answer).toEqual([200, ''])
    expect(await state()).not.toBe(before)
  })
})
