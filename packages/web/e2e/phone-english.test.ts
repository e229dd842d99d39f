import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, openSession, pick, type RunningApp, type Session, screenshot } from './harness.js'

/** The page scrolls sideways when its content is wider than the viewport. */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

// The dimensions, classes and customer-form pages on a phone, in English (their Chinese tests are at desktop width).
describeBrowser('dimensions, classes and the customer form at 390 px in English', () => {
  let session: Session | undefined
  let app: RunningApp | undefined
  let page: Page

  beforeAll(async () => {
    session = await openSession({ width: 390, height: 844, locale: 'en-US', timeout: 20_000 })
    app = session.app
    page = session.page
  })

  afterAll(() => session?.close())

  it('dimensions: the list and the editor fit the phone and speak English', async () => {
    await page.goto(`${app!.url}/t/demo/dimensions`)
    await page.getByTestId('dimensions-page').waitFor()
    await page.getByText('English', { exact: true }).click()
    await page.getByTestId('dimension-add').getByText('New dimension').waitFor()
    expect(await sideways(page)).toBe(false)
    await screenshot(page, 'dimensions-390-en')
    await page.getByTestId('dimension-add').click()
    await page.getByTestId('dimension-code').waitFor()
    await page.locator('.ant-radio-wrapper', { hasText: 'Chosen customer classes (with sub-classes)' }).click()
    await pick(page, page.getByTestId('classes-pick'), '北京央企客户', '北京央企')
    expect(await sideways(page)).toBe(false)
    await screenshot(page, 'dimensions-editor-390-en')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.getByTestId('dimension-code').waitFor({ state: 'detached' })
  }, 60_000)

  it('classes: the tree and the panel fit the phone, count alike, in English', async () => {
    await page.goto(`${app!.url}/t/demo/classes`)
    await page.getByTestId('scheme-tab-class').click()
    const node = page.getByTestId('node-01001')
    const inTree = ((await node.getByTestId('tree-count').textContent()) ?? '').trim()
    expect(inTree).toMatch(/^[1-9]\d* customers$/)
    // on a phone the panel opens over the tree where the class was tapped, not below the whole tree
    await node.click()
    const panel = page.getByTestId('node-panel')
    await panel.getByTestId('panel-count').getByText(inTree, { exact: true }).waitFor()
    expect(await panel.isVisible()).toBe(true)
    await panel.getByTestId('rename').waitFor()
    expect(await sideways(page)).toBe(false)
    await screenshot(page, 'classes-390-en')
    await page.keyboard.press('Escape')
    await panel.getByTestId('rename').waitFor({ state: 'hidden' })
  }, 60_000)

  it('customer form: the code line judges a typed code, in English, and the form fits the phone', async () => {
    await page.goto(`${app!.url}/t/demo/customers/new`)
    await page.getByTestId('field-name').fill('Phone Test Trading Co.')
    await pick(page, page.getByTestId('field-type'), '(V)', 'V')
    await pick(page, page.getByTestId('field-region'), '(HBBJ)', 'HBBJ')
    const codePreview = page.getByTestId('code-preview')
    await codePreview.getByText(/^Left empty: V-BJ-\d{8}-\d{5} \(rule "默认规则"\); you may type one$/).waitFor()
    await page.getByTestId('field-code').fill('V-BJ-1')
    await codePreview.getByText(/^The code V-BJ-1 does not fit the rule "默认规则"/).waitFor()
    await page
      .getByTestId('code-use-suggestion')
      .getByText(/^Use V-BJ-\d{8}-\d{5}$/)
      .waitFor()
    expect(await page.getByTestId('save-customer').isDisabled()).toBe(true)
    expect(await sideways(page)).toBe(false)
    await screenshot(page, 'customers-form-390-en')
  }, 60_000)
})
