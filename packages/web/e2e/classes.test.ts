import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, openSession, pick, type RunningApp, type Session, screenshot } from './harness.js'

/** The primary button of the open dialog (antd spaces two-character Chinese labels, so no name match). */
const ok = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary').click()

async function addNode(page: Page, opener: string, expectCode: string, name: string) {
  await page.getByTestId(opener).first().click()
  const code = page.getByTestId('node-code')
  await code.waitFor()
  expect(await code.inputValue()).toBe(expectCode)
  await page.getByTestId('node-name').fill(name)
  await ok(page)
  await page.getByTestId(`node-${expectCode}`).waitFor()
}

describeBrowser('classes page', () => {
  let session: Session | undefined
  let app: RunningApp | undefined
  let page: Page

  beforeAll(async () => {
    session = await openSession({ width: 1400, height: 900, locale: 'zh-CN', timeout: 20_000 })
    app = session.app
    page = session.page
  })

  afterAll(() => session?.close())

  it('creates a 2-3-4 scheme and builds a tree shown as (01001) …', async () => {
    await page.goto(`${app!.url}/t/demo/classes`)
    await page.getByTestId('scheme-tab-class').waitFor()
    await page.getByTestId('level-mask').waitFor()
    await screenshot(page, 'classes-demo')
    await page.getByTestId('new-scheme').click()
    await page.getByTestId('scheme-code').fill('T234')
    await page.getByTestId('scheme-name').fill('测试分类')
    await page.getByTestId('scheme-levels').fill('2-3-4')
    await ok(page)
    await page.waitForURL(/scheme=T234/)
    await page.getByTestId('level-mask').getByText('** *** ****').waitFor()
    await addNode(page, 'add-root', '01', '华北')
    await page.getByTestId('node-01').click()
    await addNode(page, 'add-child', '01001', '华北大客户')
    await page.getByTestId('node-01001').click()
    await addNode(page, 'add-child', '010010001', '北京大客户')
    expect(await page.getByTestId('node-01001').textContent()).toContain('(01001) 华北大客户')
    expect(await page.getByTestId('node-010010001').textContent()).toContain('末级')
    // the last level of 2-3-4 has no 新增下级
    await page.getByTestId('node-010010001').click()
    await page.getByTestId('rename').waitFor()
    expect(await page.getByTestId('add-child').count()).toBe(0)
    await screenshot(page, 'classes-tree')
  })

  it('the tree and the panel count the same customers (a class with sub-classes counts theirs too)', async () => {
    await page.getByTestId('scheme-tab-class').click()
    for (const code of ['01', '01001', '010010001']) {
      const node = page.getByTestId(`node-${code}`)
      const inTree = ((await node.getByTestId('tree-count').textContent()) ?? '').trim()
      expect(inTree).toMatch(/^[1-9]\d* 个客户$/)
      await node.click()
      await page.getByTestId('node-panel').getByTestId('panel-count').getByText(inTree, { exact: true }).waitFor()
    }
    // a level-1 class holds no customer itself: the panel says so beside the count of its subtree
    await page.getByTestId('node-01').click()
    await page.getByTestId('node-panel').getByTestId('panel-own-count').getByText('其中本级 0 个').waitFor()
    await screenshot(page, 'classes-counts')
    await page.getByTestId('scheme-tab-T234').click()
    await page.getByTestId('level-mask').getByText('** *** ****').waitFor()
  })

  it('shows the Chinese reason for a bad code on the form', async () => {
    await page.getByTestId('node-01').click()
    await page.getByTestId('add-child').click()
    await page.getByTestId('node-code').fill('010')
    await page.getByTestId('node-name').fill('坏编码')
    await ok(page)
    const reason = page.getByTestId('add-node-form').getByText(/编码不符合编码规则 2-3-4/)
    await reason.waitFor()
    await screenshot(page, 'classes-bad-code')
    await page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn').first().click()
    await page
      .locator('.ant-modal-wrap:visible')
      .waitFor({ state: 'detached' })
      .catch(() => undefined)
  })

  it('moves a subtree after a preview and shows the new codes', async () => {
    await addNode(page, 'add-root', '02', '华东')
    await page.getByTestId('node-01001').click()
    await page.getByTestId('move').click()
    await pick(page, page.getByTestId('move-parent'), '(02) 华东')
    await page.getByTestId('move-preview').click()
    const table = page.getByTestId('move-preview-table')
    await table.getByText('020010001').waitFor()
    expect(await table.textContent()).toContain('02001')
    await screenshot(page, 'classes-move-preview')
    await page.getByTestId('move-confirm').click()
    await page.getByTestId('node-020010001').waitFor()
    expect(await page.getByTestId('node-02001').textContent()).toContain('(02001) 华北大客户')
    expect(await page.getByTestId('node-01001').count()).toBe(0)
    await screenshot(page, 'classes-moved')
    await page.getByTestId('node-panel').getByTestId('node-aliases').getByText(/01001/).waitFor()
    await screenshot(page, 'classes-moved')
  })

  it('merges only into a valid class, shows what moves, and asks before it deletes', async () => {
    // 02001 sits under 02 and above 020010001: neither is offered; 01 is
    await page.getByTestId('node-02001').click()
    await page.getByTestId('node-panel').getByTestId('merge').click()
    await page.getByTestId('merge-target').click()
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option')
    await options.first().waitFor()
    const offered = await options.allTextContents()
    expect(offered.some((o) => o.includes('(01)'))).toBe(true)
    expect(offered.some((o) => o.includes('(02)') || o.includes('(020010001)') || o.includes('(02001)'))).toBe(false)
    await page.keyboard.press('Escape')
    await page.getByTestId('merge-preview').count()
    // it has a sub-class, so the merge is refused up front
    await page.locator('.ant-modal-wrap:visible').getByText('本分类还有下级分类，请先移走或合并它们。').waitFor()
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click()
    await page.getByTestId('node-020010001').click()
    await page.getByTestId('node-panel').getByTestId('merge').click()
    await pick(page, page.getByTestId('merge-target'), '(01)')
    await page
      .getByTestId('merge-preview')
      .getByText(/\d+ 个客户将从 .* 转到 \(01\) 华北/)
      .waitFor()
    await screenshot(page, 'classes-merge-preview')
    await page.getByTestId('merge-ok').click()
    await page
      .locator('.ant-modal-confirm-title')
      .getByText(/合并到 \(01\) 华北 并删除/)
      .waitFor()
    await page.getByTestId('merge-confirm').click()
    await page.getByTestId('node-020010001').waitFor({ state: 'detached' })
  })
  it('guards deleting a class with customers, then moves them and deletes', async () => {
    // the merge before leaves its confirm dialog closing; a click now would land on it, not on the panel
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count(), { timeout: 10_000 }).toBe(0)
    await page.getByTestId('scheme-tab-class').click()
    await page.getByTestId('node-010010001').click()
    await page.getByTestId('node-panel').getByTestId('delete').click()
    await ok(page)
    const guard = page.locator('.ant-modal-wrap:visible').getByText(/下还有 \d+ 个客户，不能删除/)
    await guard.waitFor()
    await screenshot(page, 'classes-delete-guard')
    await pick(page, page.getByTestId('delete-move-to'), '(010010002)')
    await page.getByTestId('delete-move-confirm').click()
    await page.getByTestId('node-010010001').waitFor({ state: 'detached' })
  })

  it('adds an automatic rule and previews a re-classification', async () => {
    await page.getByTestId('add-rule').click()
    const dialog = page.locator('.ant-modal-wrap:visible')
    await dialog.getByLabel('规则名称').fill('北京客户')
    await pick(page, dialog.locator('.ant-form-item', { hasText: '目标分类' }).locator('.ant-select'), '(010010002)')
    await ok(page)
    await page.getByRole('cell', { name: '北京客户', exact: true }).waitFor()
    await page.getByTestId('reclassify').click()
    const preview = page.getByTestId('reclassify-preview')
    await preview.getByText(/个客户将调整分类|没有客户需要调整/).waitFor()
    await screenshot(page, 'classes-reclassify-preview')
    const summary = await preview.textContent()
    const count = Number(/(\d+) 个客户将调整分类/.exec(summary ?? '')?.[1] ?? 0)
    if (count > 0) {
      await page.getByTestId('reclassify-apply').click()
      await preview.getByText(`已重新分类 ${count} 个客户`).waitFor()
      await screenshot(page, 'classes-reclassified')
    }
  })
  it('moves a class with its customers re-coded, and the old customer code still finds the customer', async () => {
    const api = async (path: string, body: unknown) => {
      const r = await fetch(`${app!.url}/api/t/demo${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      expect(r.status, `${path}: ${await r.clone().text()}`).toBeLessThan(300)
      return (await r.json()) as { code: string }
    }
    for (const [code, name, parentCode] of [
      ['09', '迁移测试', null],
      ['09001', '待迁移', '09'],
      ['090010001', '待迁移末级', '09001'],
      ['08', '新上级', null],
    ] as const)
      await api('/schemes/class/nodes', { code, name, parentCode })
    await api('/code-rules', {
      name: '按分类编码',
      pattern: '{class}-{serial:3}',
      condition: { all: [{ field: 'class', op: 'under', value: ['09', '08'] }] },
      position: 0,
    })
    const customer = await api('/customers', { name: '迁移测试甲有限公司', class: '090010001' })
    expect(customer.code).toBe('090010001-001')

    await page.goto(`${app!.url}/t/demo/classes`)
    await page.getByTestId('scheme-tab-class').click()
    await page.getByTestId('node-09001').click()
    await page.getByTestId('node-panel').getByTestId('move').click()
    await pick(page, page.getByTestId('move-parent'), '(08) 新上级', '新上级')
    await page.getByTestId('move-recode').check()
    await page.getByTestId('move-preview').click()
    await page.getByTestId('move-preview-table').getByText('080010001', { exact: true }).waitFor()
    // The preview lists the customer codes that will change.
    const recoded = page.getByTestId('move-recoded-customers')
    await recoded.getByText('090010001-001').waitFor()
    await recoded.getByText('080010001-001').waitFor()
    await screenshot(page, 'classes-move-recode-preview')
    await page.getByTestId('move-confirm').click()
    await page.getByTestId('node-080010001').waitFor()

    await page.goto(`${app!.url}/t/demo/customers?q=${encodeURIComponent('090010001-001')}`)
    await page.getByTestId('customer-link-080010001-001').click()
    await page.getByTestId('customer-codes').getByText('090010001-001 · 旧编码').waitFor()
    await screenshot(page, 'classes-moved-customer-old-code')
  })
})
