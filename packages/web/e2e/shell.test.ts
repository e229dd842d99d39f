import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, openSession, type RunningApp, type Session, screenshot } from './harness.js'

const zhNav = [
  '首页',
  '客户档案',
  '分类',
  '管理维度',
  '编码规则',
  '导入导出',
  '数据清洗',
  '报表',
  '审计日志',
  '系统管理',
]
const enNav = ['Home', 'Customers', 'Classes', 'Dimensions', 'Code rules', 'Import & export', 'Reports', 'Audit log']

/** Waits until every label is visible in the side menu. */
async function seeMenu(page: Page, labels: string[]) {
  const menu = page.getByRole('menu')
  for (const label of labels) await menu.getByText(label, { exact: true }).waitFor({ state: 'visible' })
}

describeBrowser('web shell', () => {
  let session: Session | undefined
  let app: RunningApp | undefined
  let page: Page

  beforeAll(async () => {
    // An English browser: the UI must still open in Chinese, the product's default.
    session = await openSession({ width: 1280, height: 800, locale: 'en-US', timeout: 20_000 })
    app = session.app
    page = session.page
  })

  afterAll(() => session?.close())

  it('opens in Chinese on the demo tenant', async () => {
    await page.goto(app!.url)
    await page.waitForURL(/\/t\/[^/]+\/?$/)
    await seeMenu(page, zhNav)
    expect(await page.getByTestId('nav-soon-reports').textContent()).toBe('即将推出')
    const switcher = page.getByTestId('tenant-switcher')
    await switcher.getByText('演示账套').waitFor()
    expect(await switcher.textContent()).toContain('演示账套')
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await page.getByTestId('stat-customers').waitFor()
    await page
      .getByTestId('health')
      .getByText(/^kehu · 服务器/)
      .waitFor()
    await screenshot(page, 'shell-zh')
  })

  it("speaks the UI's language in antd's own components too (date pickers)", async () => {
    await page.goto(`${app!.url}/t/demo/customers/new`)
    const picker = page.locator('.ant-picker input').first()
    await picker.waitFor()
    expect(await picker.getAttribute('placeholder')).toBe('请选择日期')
    await page.goto(app!.url)
  })

  it('switches to English and keeps the choice after a reload', async () => {
    await page.getByText('English', { exact: true }).click()
    await seeMenu(page, enNav)
    expect(await page.getByRole('menu').getByText('客户档案', { exact: true }).count()).toBe(0)
    await page.reload()
    await seeMenu(page, enNav)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await page.getByTestId('stat-customers').waitFor()
    await page
      .getByTestId('health')
      .getByText(/^kehu · server/)
      .waitFor()
    await screenshot(page, 'shell-en')
  })

  it('marks the areas not built yet in the menu, and shows an honest placeholder for them', async () => {
    for (const key of ['cleaning', 'reports'])
      expect(await page.getByTestId(`nav-soon-${key}`).textContent()).toBe('Soon')
    for (const key of ['customers', 'transfer']) expect(await page.getByTestId(`nav-soon-${key}`).count()).toBe(0)
    await page.getByRole('menu').getByText('Reports', { exact: true }).click()
    await page.waitForURL(/\/t\/[^/]+\/reports$/)
    await page.getByText('Reports arrives in a later release').waitFor()
  })
})
