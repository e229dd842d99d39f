// 审计日志 in the browser: an administrator finds a change and a failed sign-in, filters and loads more, in Chinese,
// English and at 390 px; a 业务员 (no audit:read) has no menu entry and the address says it is not permitted.
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  describeBrowser,
  expectNoSideways,
  launchBrowser,
  pick,
  type RunningApp,
  screenshot,
  signedIn as signIn,
  startApp,
} from './harness.js'

const PASSWORD = 'correct horse battery'

describeBrowser('the audit log page', () => {
  let browser: Browser
  let app: RunningApp
  let customerCode = ''
  const send = (method: string, path: string, body: unknown, cookie?: string) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: app.url, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    })

  beforeAll(async () => {
    browser = await launchBrowser()
    app = await startApp()
    expect((await send('POST', '/api/setup', { login: 'chief', displayName: '张总', password: PASSWORD })).status).toBe(
      201,
    )
    // A failed sign-in; then the administrator adds a 业务员 and makes a change.
    expect((await send('POST', '/api/session', { login: 'chief', password: 'not the password' })).status).toBe(401)
    const signedIn = await send('POST', '/api/session', { login: 'chief', password: PASSWORD })
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const user = { login: 'zhao', displayName: '赵业务', password: PASSWORD }
    expect((await send('POST', '/api/users', user, cookie)).status).toBe(201)
    expect((await send('PUT', '/api/t/demo/members/zhao', { roles: ['sales'], scopes: [] }, cookie)).status).toBe(200)
    const created = await send(
      'POST',
      '/api/t/demo/customers',
      { name: '审计页测试有限公司', type: 'V', region: 'HBBJ' },
      cookie,
    )
    expect(created.status).toBe(201)
    customerCode = ((await created.json()) as { code: string }).code
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  const signedIn = (o: { width: number; height: number; lang: 'zh-CN' | 'en'; path: string }, login = 'chief') =>
    signIn(browser, app, o, login, PASSWORD)
  const noSideways = expectNoSideways
  /** Waits until the list shows only entries with `text` (the page before a new filter stays until it is answered). */
  const every = (entries: Locator, text: string) =>
    expect
      .poll(
        async () => {
          const all = await entries.allTextContents()
          return all.length > 0 && all.every((e) => e.includes(text))
        },
        { timeout: 20_000 },
      )
      .toBe(true)
  const settled = (page: Page) => page.locator('.ant-spin-spinning').waitFor({ state: 'detached' })

  it('shows the change and the failed sign-in in words, filters them and loads more (zh)', async () => {
    const { context, page } = await signedIn({ width: 1280, height: 900, lang: 'zh-CN', path: '' })
    await page.getByRole('menu').getByText('审计日志', { exact: true }).click()
    await page.waitForURL(/\/t\/demo\/audit$/)
    const table = page.getByTestId('audit-table')
    const created = table.getByRole('row', { name: new RegExp(`新建客户.*${customerCode}`) })
    await created.getByText('chief', { exact: true }).waitFor()
    await created.getByText('审计页测试有限公司').waitFor()
    await table
      .getByRole('row', { name: /登录失败/ })
      .first()
      .waitFor()
    await screenshot(page, 'audit-zh')

    // The demo tenant's own events fill more than one page.
    await settled(page)
    const rows = table.locator('tbody tr.ant-table-row')
    expect(await rows.count()).toBe(50)
    await page.getByTestId('audit-more').click()
    await page
      .getByTestId('audit-count')
      .filter({ hasText: /已显示 ?(全部 )?(5[1-9]|[6-9]\d|\d{3,}) 条/ })
      .waitFor()
    expect(await rows.count()).toBeGreaterThan(50)

    await pick(page, page.getByTestId('audit-action'), '登录失败', '登录失败')
    await page.waitForURL(/action=sign-in\.failed/)
    await every(rows, '登录失败')
    await table.getByText('chief').first().waitFor()
    await screenshot(page, 'audit-failed-sign-in-zh')

    // One customer's events: its creation only. The code links to the customer.
    await page.goto(`${app.url}/t/demo/audit?customer=${encodeURIComponent(customerCode)}`)
    await every(rows, customerCode)
    expect(await rows.count()).toBe(1)
    await page.getByTestId('audit-from').click()
    await page.keyboard.type('2000-01-01')
    await page.keyboard.press('Enter')
    await page.waitForURL(/from=2000-01-01/)
    expect(await rows.count()).toBe(1)
    await table.getByRole('link', { name: customerCode }).click()
    await page.getByTestId('customer-code').waitFor()
    await context.close()
  }, 180_000)

  it('reads in English, and on a 390 px phone as cards without sideways scrolling', async () => {
    const { context, page } = await signedIn({ width: 1280, height: 900, lang: 'en', path: 'audit' })
    const table = page.getByTestId('audit-table')
    await table.getByRole('row', { name: new RegExp(`Customer created.*${customerCode}`) }).waitFor()
    await table
      .getByRole('row', { name: /Sign-in failed/ })
      .first()
      .waitFor()
    await settled(page)
    await screenshot(page, 'audit-en')
    await context.close()

    for (const lang of ['zh-CN', 'en'] as const) {
      const phone = await signedIn({ width: 390, height: 844, lang, path: 'audit' })
      const cards = phone.page.getByTestId('audit-entry')
      await cards.first().waitFor()
      await settled(phone.page)
      await phone.page.getByTestId('audit-filters-toggle').click()
      await phone.page.getByTestId('audit-filters-panel').waitFor()
      await noSideways(phone.page)
      await screenshot(phone.page, `audit-${lang}-390`)
      await phone.page.getByTestId('audit-actor').fill('chief')
      await phone.page.waitForURL(/actor=chief/)
      await every(cards, 'chief')
      await noSideways(phone.page)
      await phone.context.close()
    }
  }, 180_000)

  it('is not in a 业务员’s menu, and its address says it is not permitted (zh, 390 px)', async () => {
    const { context, page } = await signedIn({ width: 390, height: 844, lang: 'zh-CN', path: 'customers' }, 'zhao')
    await page.getByTestId('customer-card').first().waitFor()
    await page.getByRole('button', { name: '导航' }).click()
    const menu = page.getByRole('menu')
    await menu.getByText('客户档案', { exact: true }).waitFor()
    expect(await menu.getByText('审计日志', { exact: true }).count()).toBe(0)
    await page.goto(`${app.url}/t/demo/audit`)
    await page.getByText('您没有打开「审计日志」的权限').waitFor()
    expect(await page.getByTestId('audit-page').count()).toBe(0)
    await screenshot(page, 'audit-denied-zh-390')
    await context.close()
  }, 120_000)
})
