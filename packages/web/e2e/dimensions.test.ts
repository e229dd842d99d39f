import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, openSession, pick, type RunningApp, type Session, screenshot } from './harness.js'

const choose = (page: Page, testId: string, label: string) => pick(page, page.getByTestId(testId), label)

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

  it('the scope picker finds classes by name, shows names in its tags, and Esc closes only the dropdown', async () => {
    await page.goto(`${app!.url}/t/demo/dimensions`)
    await page.getByTestId('dimension-add').click()
    await page.locator('.ant-radio-wrapper', { hasText: '选定的客户分类（含下级）' }).click()
    // found by a part of its name; the tag then shows the name
    await pick(page, page.getByTestId('classes-pick'), '北京央企客户', '北京央企')
    await screenshot(page, 'dimensions-scope-picker')
    await page.keyboard.press('Escape')
    await page
      .locator('.ant-select-dropdown:visible')
      .waitFor({ state: 'detached' })
      .catch(() => undefined)
    expect(await page.locator('.ant-select-dropdown:visible').count()).toBe(0)
    // the dialog is still open, with the choice
    expect(await page.getByTestId('dimension-code').isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await page.getByTestId('dimension-code').waitFor({ state: 'detached' })
  }, 60_000)

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

    // A required date without a default: saved, and the demo's existing customers are left empty.
    await page.getByTestId('attribute-add-SALES').click()
    await page.getByTestId('attr-code').fill('SINCE')
    await page.getByTestId('attr-name').fill('合作日期')
    await choose(page, 'attr-type', '日期')
    await page.getByTestId('attr-required').check()
    await page.getByTestId('attr-save').click()
    await page.getByTestId('attribute-editor').waitFor({ state: 'detached' })
    await page.getByText(/已保存。\d+ 个已有客户未填，已列为待补全（未填入任何值）/).waitFor()
    await card.getByText('SINCE', { exact: true }).waitFor()
    const incomplete = card.getByTestId('incomplete-SINCE')
    const count = Number(((await incomplete.textContent()) ?? '').match(/\d+/)?.[0])
    expect(count).toBeGreaterThan(0)
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
    // Nobody holds a value: nothing was invented.
    expect(since).toMatch(/\s0\s+\d+ 个客户待补全/)
    // biome-ignore lint/performance/useDomNodeTextContent: innerText separates the cells, textContent runs them together
    const level = await rows.nth(1).innerText()
    expect(level).toContain('单选')
    expect(level).toContain('A 甲级')
    expect(level).toContain('B 乙级')
    await screenshot(page, 'dimensions-list')

    // The incomplete customers are listed; an explicit fill previews its count, then writes.
    await incomplete.click()
    const dialog = page.getByTestId('incomplete-dialog')
    await dialog.getByText(`${count} 个客户待补全`).first().waitFor()
    expect(await dialog.locator('.ant-list-item a').count()).toBe(Math.min(count, 50))
    await dialog.getByTestId('fill-preview').click()
    await dialog.getByText('请填写要补填的「合作日期」').waitFor()
    await dialog.locator('.ant-picker input').fill('2024-01-01')
    await dialog.locator('.ant-picker input').press('Enter')
    await dialog.getByTestId('fill-preview').click()
    await dialog.getByText(`将为 ${count} 个未填「合作日期」的客户填入这个值，已有取值的客户不变。`).waitFor()
    await screenshot(page, 'dimensions-fill-preview')
    await dialog.getByTestId('fill-confirm').click()
    await dialog.getByText(`已为 ${count} 个客户填入`).waitFor()
    await page.getByTestId('incomplete-close').click()
    await card.getByText('已补全').waitFor()
    // biome-ignore lint/performance/useDomNodeTextContent: innerText separates the cells, textContent runs them together
    expect(await rows.nth(0).innerText()).toContain(`${count}`)

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
