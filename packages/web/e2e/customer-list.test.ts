import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, openSession, pick, type RunningApp, type Session, screenshot } from './harness.js'

/** The page scrolls sideways when its content is wider than the viewport. */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

describeBrowser('customer list: desktop and phone', () => {
  let app: RunningApp | undefined
  let session: Session | undefined
  let page: Page

  beforeAll(async () => {
    session = await openSession({ width: 1440, height: 900, locale: 'zh-CN', timeout: 15_000 })
    app = session.app
    page = session.page
    const r = await fetch(`${app.url}/api/t/demo/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: '北京市王府井百货有限公司',
        type: 'V',
        region: 'HBBJ',
        phone: '010-65125960 转 8',
        email: 'service@wfj.example.cn',
        address: '北京市东城区王府井大街255号',
      }),
    })
    expect(r.status).toBe(201)
  })

  afterAll(() => session?.close())

  it('at 1440 px: filters on one line, search as you type, a phone column, a page-size changer', async () => {
    await page.goto(`${app!.url}/t/demo/customers`)
    const table = page.getByTestId('customer-table')
    // on a loaded machine the first list can take longer than a click
    await table.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 45_000 })
    const tops = await page
      .getByTestId('customer-filters')
      .locator(':scope > *')
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)))
    expect(tops.length).toBeGreaterThanOrEqual(6)
    expect(new Set(tops).size).toBe(1)
    // No Enter needed: the list follows the typing once it pauses, and the URL keeps the search.
    await page.getByTestId('customer-search').fill('王府井')
    await page.getByText('共 1 个客户').waitFor()
    expect(page.url()).toContain('q=%E7%8E%8B%E5%BA%9C%E4%BA%95')
    expect(await table.getByTestId('phone-link').getAttribute('href')).toBe('tel:01065125960,8')
    await screenshot(page, 'customer-list-1440-search')
    await page.getByTestId('customer-search').fill('')
    await page.getByText(/共 (\d{3,}) 个客户/).waitFor()
    await pick(page, page.locator('.ant-pagination-options .ant-select'), '50 条/页')
    await page.waitForURL(/size=50/)
    await table.locator('tbody tr.ant-table-row').nth(49).waitFor()
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(50)
  }, 90_000)

  it('the record leads back to the list with its filters and page', async () => {
    await pick(page, page.getByTestId('filter-region'), '(HBBJ) 北京', '北京')
    await page.waitForURL(/region=HBBJ/)
    const listUrl = page.url()
    const first = page.getByTestId('customer-table').locator('tbody tr.ant-table-row a').first()
    await first.click()
    await page.getByTestId('customer-code').waitFor()
    await page.getByTestId('back-to-list').click()
    await page.waitForURL((u) => u.href === listUrl)
    expect(page.url()).toContain('size=50')
    await page.getByTestId('customer-table').locator('tbody tr.ant-table-row').first().waitFor()
  })

  it('in English the same list names its columns and filters in English', async () => {
    await page.getByText('English', { exact: true }).click()
    await page
      .getByTestId('customer-table')
      .locator('th', { hasText: /^Phone$/ })
      .first()
      .waitFor()
    await page.getByText(/^\d+ customers$/).waitFor()
    await screenshot(page, 'customer-list-1440-en')
    await page.getByText('中文', { exact: true }).click()
  })

  for (const lang of ['zh-CN', 'en'] as const)
    it(`at 390 px (${lang}): cards with name, code, phone, address; filters behind one button; the record fits`, async () => {
      await page.setViewportSize({ width: 390, height: 844 })
      if (lang === 'en') await page.getByText('English', { exact: true }).click()
      await page.goto(`${app!.url}/t/demo/customers?q=${encodeURIComponent('王府井')}`)
      const card = page.getByTestId('customer-card').first()
      await card.waitFor()
      expect(await page.getByTestId('customer-table').count()).toBe(0)
      const text = (await card.textContent()) ?? ''
      for (const part of ['北京市王府井百货有限公司', '010-65125960-8', '王府井大街255号']) expect(text).toContain(part)
      expect(await card.getByTestId('phone-link').getAttribute('href')).toBe('tel:01065125960,8')
      // The filters are folded: one button, which opens them.
      expect(await page.getByTestId('filter-region').count()).toBe(0)
      await page.getByTestId('filters-toggle').click()
      await page.getByTestId('filters-panel').getByTestId('filter-region').waitFor()
      expect(await sideways(page)).toBe(false)
      await screenshot(page, `customer-list-390-${lang}`)
      await card.locator('a').first().click()
      await page.getByTestId('customer-code').waitFor()
      expect(await page.getByTestId('email-link').getAttribute('href')).toBe('mailto:service@wfj.example.cn')
      expect(await page.getByTestId('phone-link').getAttribute('href')).toBe('tel:01065125960,8')
      // Parts not built yet take one line on a phone, not three empty cards above the history.
      expect(await page.getByTestId('customer-later').textContent()).toContain(
        lang === 'en' ? 'arrive in a later release' : '将在后续版本中提供',
      )
      expect(await sideways(page)).toBe(false)
      await screenshot(page, `customer-record-390-${lang}`)
      await page.setViewportSize({ width: 1440, height: 900 })
    })
})
