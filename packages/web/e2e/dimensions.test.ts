import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, openSession, type RunningApp, type Session, screenshot } from './harness.js'

/** Picks an option of the antd Select inside `scope` by its visible label. */
async function choose(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click()
  await page.locator('.ant-select-dropdown:visible').getByText(label, { exact: true }).click()
}

describeBrowser('管理维度 page', () => {
  let session: Session | undefined
  let app: RunningApp | undefined
  let page: Page

  beforeAll(async () => {
    session = await openSession({ width: 1280, height: 900, locale: 'zh-CN', timeout: 10_000 })
    app = session.app
    page = session.page
  })

  afterAll(() => session?.close())

  it('defines a dimension with a required date and a single choice, and lists them', async () => {
    await page.goto(`${app!.url}/t/demo/dimensions`)
    await page.getByTestId('dimensions-page').waitFor()
    await page.getByTestId('dimension-add').click()
    await page.getByTestId('dimension-code').fill('SALES')
    await page.getByTestId('dimension-name').fill('销售维度')
    await page.getByTestId('dimension-save').click()
    const card = page.getByTestId('dimension-SALES')
    await card.waitFor()
    await card.getByText('全部客户').waitFor()

    // A required date: needs a default, which fills the demo's existing customers.
    await page.getByTestId('attribute-add-SALES').click()
    await page.getByTestId('attr-code').fill('SINCE')
    await page.getByTestId('attr-name').fill('合作日期')
    await choose(page, 'attr-type', '日期')
    await page.getByTestId('attr-required').check()
    await page.getByTestId('attr-save').click()
    // Without a default the server refuses, naming the problem.
    await page.getByText('必填的维度属性「合作日期」需要默认值，用于填充已有客户').first().waitFor()
    await screenshot(page, 'dimensions-required-needs-default')
    await page.getByTestId('attr-default').fill('2024-01-01')
    await page.getByTestId('attr-save').click()
    await page.getByTestId('attribute-editor').waitFor({ state: 'detached' })
    await card.getByText('SINCE', { exact: true }).waitFor()

    // A single choice with two options.
    await page.getByTestId('attribute-add-SALES').click()
    await page.getByTestId('attr-code').fill('LEVEL')
    await page.getByTestId('attr-name').fill('客户等级')
    await choose(page, 'attr-type', '单选')
    await page.getByTestId('option-add').click()
    await page.getByTestId('option-add').click()
    await page.getByTestId('option-code').nth(0).fill('A')
    await page.getByTestId('option-label').nth(0).fill('甲级')
    await page.getByTestId('option-code').nth(1).fill('B')
    await page.getByTestId('option-label').nth(1).fill('乙级')
    await page.getByTestId('attr-save').click()
    await page.getByTestId('attribute-editor').waitFor({ state: 'detached' })
    await card.getByText('LEVEL', { exact: true }).waitFor()

    const rows = card.locator('tbody tr')
    expect(await rows.count()).toBe(2)
    // biome-ignore lint/performance/useDomNodeTextContent: innerText separates the cells, textContent runs them together
    const since = await rows.nth(0).innerText()
    expect(since).toContain('合作日期')
    expect(since).toContain('日期')
    expect(since).toContain('必填')
    expect(since).toContain('2024-01-01')
    // Every demo customer got the default.
    expect(Number(since.trim().split(/\s+/).at(-1))).toBeGreaterThan(0)
    // biome-ignore lint/performance/useDomNodeTextContent: innerText separates the cells, textContent runs them together
    const level = await rows.nth(1).innerText()
    expect(level).toContain('单选')
    expect(level).toContain('A 甲级')
    expect(level).toContain('B 乙级')
    await screenshot(page, 'dimensions-list')

    // A type change previews its conflicts: the dates cannot become numbers.
    await rows.nth(0).getByRole('button', { name: '编辑' }).click()
    await choose(page, 'attr-type', '数字')
    await page.getByTestId('attr-preview').click()
    const preview = page.getByTestId('attr-change-preview')
    await preview.getByText('存在冲突，未做任何修改。请先处理下列客户的取值：').waitFor()
    expect(await preview.locator('tbody tr').count()).toBeGreaterThan(0)
    await screenshot(page, 'dimensions-type-change-conflicts')
  }, 60_000)
})
