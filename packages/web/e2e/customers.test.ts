import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, openSession, pick, type RunningApp, type Session, screenshot } from './harness.js'

describeBrowser('customer archive', () => {
  let app: RunningApp | undefined
  let session: Session | undefined
  let page: Page
  let code = ''
  const api = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${app!.url}/api/t/demo${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    })

  beforeAll(async () => {
    session = await openSession({ width: 1366, height: 900, locale: 'zh-CN', timeout: 15_000 })
    app = session.app
    page = session.page
    // A required attribute for every customer: the form shows it, and saving it empty is refused.
    expect((await api('/dimensions', { method: 'POST', body: { code: 'SVC', name: '服务' } })).status).toBe(201)
    const attr = await api('/dimensions/SVC/attributes', {
      method: 'POST',
      body: { code: 'LEVEL', name: '服务等级', type: 'text', required: true, defaultValue: '标准' },
    })
    expect(attr.status).toBe(201)
    // and, as issue 4 asks, a required date and a choice
    for (const body of [
      { code: 'SINCE', name: '合作开始日期', type: 'date', required: true, defaultValue: '2024-01-01' },
      {
        code: 'GRADE',
        name: '客户级别',
        type: 'single-choice',
        options: [
          { code: 'A', label: '甲级' },
          { code: 'B', label: '乙级' },
        ],
      },
    ])
      expect((await api('/dimensions/SVC/attributes', { method: 'POST', body })).status).toBe(201)
  })

  afterAll(() => session?.close())

  it('lists the demo customers with search and filters, user schemes too', async () => {
    // a user scheme 渠道 with one customer on 线上
    expect((await api('/schemes', { method: 'POST', body: { code: 'CH', name: '渠道' } })).status).toBe(201)
    expect((await api('/schemes/CH/nodes', { method: 'POST', body: { code: 'ON', name: '线上' } })).status).toBe(201)
    const online = await api('/customers', {
      method: 'POST',
      body: { name: '渠道测试网店有限公司', type: 'V', region: 'HBBJ', classes: { CH: 'ON' } },
    })
    expect(online.status).toBe(201)
    await page.goto(`${app!.url}/t/demo/customers`)
    // on a loaded machine the first list can take longer than a click
    await page.getByTestId('customer-table').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 45_000 })
    await page.getByText(/共 \d+ 个客户/).waitFor()
    await screenshot(page, 'customers-list')
    await pick(page, page.getByTestId('filter-CH'), '(ON) 线上', '线上')
    await page.getByText('共 1 个客户').waitFor()
    await page.getByTestId('customer-table').getByText('渠道测试网店有限公司').waitFor()
    expect(page.url()).toContain('scheme=CH%3AON')
    await pick(page, page.getByTestId('filter-region'), '(HDSH) 上海', '上海')
    // both filters hold: the 线上 customer is in 北京, not 上海
    await page.getByTestId('customer-table').getByText('没有符合条件的客户').waitFor()
    await page.keyboard.press('Escape')
    await screenshot(page, 'customers-list-filtered')
  }, 90_000)

  it('refuses a missing required attribute on its field, then creates with the code made by the rule', async () => {
    await page.getByTestId('new-customer').click()
    await page.waitForURL(/\/customers\/new$/)
    await page.getByTestId('field-name').fill('北京星辰测试科技有限公司')
    await page.getByTestId('field-shortName').fill('星辰科技')
    await pick(page, page.getByTestId('field-type'), '(V) 重要客户', 'V')
    // the form says which rule will code the customer, and what it still needs
    const codePreview = page.getByTestId('code-preview')
    await codePreview.getByText(/规则“默认规则”还需要：.*地区/).waitFor()
    // …so saving waits for it, saying why; the fields the rule prints are marked required and come before the code
    expect(await page.getByTestId('save-customer').isDisabled()).toBe(true)
    expect(await page.getByTestId('save-blocked').textContent()).toMatch(/^还不能保存：.*地区/)
    const region = page.locator('.ant-form-item', { has: page.getByTestId('field-region') })
    expect(await region.locator('.ant-form-item-required').count()).toBe(1)
    const y = async (testId: string) => (await page.getByTestId(testId).boundingBox())?.y ?? Number.NaN
    expect(await y('field-region')).toBeLessThanOrEqual(await y('field-code'))
    // the demo's default rule is auto-editable: a typed code is taken, an empty one is generated
    expect(await page.getByTestId('field-code').isDisabled()).toBe(false)
    await pick(page, page.getByTestId('field-region'), '(HBBJ) 北京', '北京')
    await page.getByTestId('save-blocked').waitFor({ state: 'detached' })
    await pick(page, page.getByTestId('field-class'), '(010010001) 北京央企客户', '北京央企')
    await codePreview.getByText(/留空时生成 V-BJ-\d{8}-\d{5}（规则“默认规则”）/).waitFor()
    const previewed = /V-BJ-\d{8}-\d{5}/.exec((await codePreview.textContent()) ?? '')?.[0]
    await screenshot(page, 'customers-form-code-preview')
    await page.getByTestId('field-email').fill('not-an-email')
    const level = page.getByLabel('服务等级')
    await level.waitFor()
    expect(await level.inputValue()).toBe('标准')
    await level.fill('')
    const since = page.locator('.ant-form-item', { hasText: '合作开始日期' })
    expect(await since.locator('input').inputValue()).toBe('2024-01-01')
    await since.locator('.ant-picker').hover()
    await since.locator('.ant-picker-clear').click()
    expect(await since.locator('input').inputValue()).toBe('')
    await page.getByTestId('save-customer').click()
    // every server issue on its field at once
    await page.getByText('必须填写「服务等级」').waitFor()
    await page.getByText('必须填写「合作开始日期」').waitFor()
    await page
      .locator('.ant-form-item-has-error')
      .filter({ has: page.getByTestId('field-email') })
      .waitFor()
    // the first bad field is brought into view and has the cursor
    await page.waitForFunction(() => document.activeElement?.closest('.ant-form-item-has-error') !== null)
    // an old refusal goes as soon as its field changes
    await page.getByTestId('field-email').fill('still-not-an-email')
    await page
      .locator('.ant-form-item-has-error')
      .filter({ has: page.getByTestId('field-email') })
      .waitFor({ state: 'detached' })
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'customers-form-issues')
    await level.fill('金牌')
    await since.locator('input').click()
    await since.locator('input').fill('2024-05-01')
    await page.keyboard.press('Enter')
    await pick(page, page.locator('.ant-form-item', { hasText: '客户级别' }).locator('.ant-select'), '甲级')
    await page.getByTestId('field-email').fill('info@xingchen.cn')
    await page.getByTestId('save-customer').click()
    await page.getByTestId('created-alert').waitFor()
    code = ((await page.getByTestId('customer-code').textContent()) ?? '').trim()
    expect(code).toMatch(/^V-BJ-\d{8}-\d{5}$/)
    expect(code).toBe(previewed)
    expect(await page.getByTestId('created-alert').textContent()).toContain(code)
    await page.getByTestId('customer-attributes').getByText('金牌').waitFor()
    await page.getByTestId('customer-attributes').getByText('2024-05-01').waitFor()
    await page.getByTestId('customer-attributes').getByText('甲级').waitFor()
    await page.getByTestId('customer-classes').getByText('华北大客户 / 北京大客户 / 北京央企客户').waitFor()
    expect(await page.getByTestId('customer-fields').textContent()).toContain('XCKJ')
    await screenshot(page, 'customers-created')
  }, 60_000)

  it('edits with the version, shows the history, and says so when someone else changed it first', async () => {
    await page.getByTestId('edit-customer').click()
    await page.waitForURL(/\/edit$/)
    await page.getByTestId('field-shortName').fill('星辰')
    await page.getByTestId('save-customer').click()
    await page.getByTestId('customer-history').getByText('修改').first().waitFor()
    const history = page.getByTestId('customer-history')
    await history.getByText('星辰科技').waitFor()
    expect(await history.textContent()).toContain('建档')
    await screenshot(page, 'customers-history')
    // someone else edits meanwhile
    await page.getByTestId('edit-customer').click()
    await page.waitForURL(/\/edit$/)
    const current = (await (await api(`/customers/${code}`)).json()) as { version: number }
    const other = await api(`/customers/${code}`, {
      method: 'PATCH',
      body: { remarks: '别人改的' },
      headers: { 'if-match': `"v${current.version}"` },
    })
    expect(other.status).toBe(200)
    await page.getByTestId('field-phone').fill('010-62345678')
    await page.getByTestId('save-customer').click()
    await page.getByTestId('stale-alert').getByText('该客户已被他人修改').waitFor()
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'customers-stale')
  })

  it('finds the customer by its code and by an old code after a re-code', async () => {
    await page.goto(`${app!.url}/t/demo/customers`)
    await page.getByPlaceholder('编码、旧编码、名称、助记码或拼音').fill(code)
    await page.keyboard.press('Enter')
    await page.getByTestId(`customer-link-${code}`).waitFor()
    await page.getByText('共 1 个客户').waitFor()
    await screenshot(page, 'customers-search')
    // re-coded on the record page to a typed code off the rule: kept, with the reason
    await page.getByTestId(`customer-link-${code}`).click()
    await page.getByTestId('recode-customer').click()
    await page.getByTestId('recode-to').fill('xc0001')
    await page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary').click()
    const recoded = page.getByTestId('recoded-alert')
    await recoded.getByText(`已重新编码：${code} → XC0001（旧编码仍可查到该客户）`).waitFor()
    await recoded.getByText(/^编码 XC0001 不符合规则“默认规则”/).waitFor()
    await screenshot(page, 'customers-recoded')
    await page.goto(`${app!.url}/t/demo/customers?q=${encodeURIComponent(code)}`)
    await page.getByTestId('customer-link-XC0001').click()
    await page.getByTestId('customer-code').getByText('XC0001').waitFor()
    await page.getByTestId('customer-codes').getByText(`${code} · 旧编码`).waitFor()
    await page.goto(`${app!.url}/t/demo/customers/${encodeURIComponent(code)}`)
    await page.getByText(`${code} 是该客户的旧编码，现编码为 XC0001`).waitFor()
    await screenshot(page, 'customers-old-code')
  })

  it('archives and restores from the record page', async () => {
    await page.getByTestId('archive-customer').click()
    await page.locator('.ant-popconfirm .ant-btn-primary').click()
    await page.getByTestId('customer-status').getByText('已归档').waitFor()
    await page.getByTestId('restore-customer').click()
    await page.getByTestId('customer-status').getByText('在用').waitFor()
  })

  it('a typed code: judged as the clerk types, a taken one replaced only after the clerk agrees', async () => {
    await page.goto(`${app!.url}/t/demo/customers/new`)
    await page.getByTestId('field-name').fill('北京重号测试有限公司')
    await pick(page, page.getByTestId('field-type'), '(V) 重要客户', 'V')
    await pick(page, page.getByTestId('field-region'), '(HBBJ) 北京', '北京')
    const codePreview = page.getByTestId('code-preview')
    await codePreview.getByText(/留空时生成 V-BJ-\d{8}-\d{5}/).waitFor()
    // off the rule: refused as typed, with the next free code offered; saving waits
    await page.getByTestId('field-code').fill('V-BJ-1')
    await codePreview.getByText(/编码 V-BJ-1 不符合规则“默认规则”/).waitFor()
    await page.locator('.ant-form-item-has-error', { has: page.getByTestId('field-code') }).waitFor()
    expect(await page.getByTestId('save-customer').isDisabled()).toBe(true)
    // the code another customer holds (typed in lower case): taken, said before saving
    await page.getByTestId('field-code').fill(code.toLowerCase())
    await codePreview
      .getByText(new RegExp(`编码 ${code} 已被使用（含旧编码），可用的下一个编码：V-BJ-\\d{8}-\\d{5}`))
      .waitFor()
    const suggestion = /改用 (\S+)/.exec((await page.getByTestId('code-use-suggestion').textContent()) ?? '')?.[1]
    expect(suggestion).toMatch(/^V-BJ-\d{8}-\d{5}$/)
    await screenshot(page, 'customers-form-code-taken')
    // saving anyway asks; the clerk agrees to the next free code
    await page.getByTestId('save-customer').click()
    const confirm = page.getByTestId('code-taken-confirm')
    await confirm
      .getByText(`您填写的编码 ${code} 已被使用（含旧编码）。改用下一个可用编码 ${suggestion} 建档吗？`)
      .waitFor()
    await screenshot(page, 'customers-form-code-taken-confirm')
    await page.locator('.ant-modal-confirm .ant-btn-primary', { hasText: `改用 ${suggestion}` }).click()
    await page.getByTestId('created-alert').getByText(`您填写的编码 ${code} 已被占用，已改用 ${suggestion}`).waitFor()
    expect(((await page.getByTestId('customer-code').textContent()) ?? '').trim()).toBe(suggestion)
    // the suggestion can also be taken before saving: the code is then free, as typed
    await page.goto(`${app!.url}/t/demo/customers/new`)
    await page.getByTestId('field-name').fill('北京重号测试二有限公司')
    await pick(page, page.getByTestId('field-type'), '(V) 重要客户', 'V')
    await pick(page, page.getByTestId('field-region'), '(HBBJ) 北京', '北京')
    await page.getByTestId('field-code').fill(code)
    await page.getByTestId('code-use-suggestion').click()
    await codePreview.getByText(/^编码 V-BJ-\d{8}-\d{5} 可以使用（规则“默认规则”）$/).waitFor()
    expect(await page.getByTestId('save-customer').isDisabled()).toBe(false)
  }, 90_000)

  it('speaks English when asked', async () => {
    await page.goto(`${app!.url}/t/demo/customers/XC0001`)
    await page.getByText('English', { exact: true }).click()
    await page.getByTestId('edit-customer').getByText('Edit').waitFor()
    await page.getByTestId('customer-history').getByText('Re-coded').waitFor()
    await page.getByText('Codes and old codes').waitFor()
    await screenshot(page, 'customers-detail-en')
    await page.goto(`${app!.url}/t/demo/customers`)
    await page.getByTestId('new-customer').getByText('New customer').waitFor()
    await page.getByText(/^\d+ customers$/).waitFor()
    // the code preview and the rule's needs, in English
    await page.getByTestId('new-customer').click()
    await page
      .getByTestId('code-preview')
      .getByText(/^Rule "默认规则" still needs: /)
      .waitFor()
    await pick(page, page.getByTestId('field-type'), '(V) 重要客户', 'V')
    await pick(page, page.getByTestId('field-region'), '(HBBJ) 北京', '北京')
    await page
      .getByTestId('code-preview')
      .getByText(/^Left empty: V-BJ-\d{8}-\d{5} \(rule "默认规则"\); you may type one$/)
      .waitFor()
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'customers-form-en')
    // a USCC another customer holds: refused on the field, with a link to that customer; gone when it changes
    const list = (await (await api('/customers?limit=100')).json()) as {
      items: { code: string; uscc: string | null }[]
    }
    const holder = list.items.find((c) => c.uscc)
    expect(holder).toBeDefined()
    await page.getByTestId('field-name').fill('Duplicate USCC Trading')
    await page.getByTestId('field-uscc').fill(holder!.uscc as string)
    await page.getByTestId('save-customer').click()
    const uscc = page.locator('.ant-form-item', { has: page.getByTestId('field-uscc') })
    await uscc.getByText(`Already used by customer ${holder!.code}`).waitFor()
    expect(await uscc.getByTestId('uscc-holder').getAttribute('href')).toBe(
      `/t/demo/customers/${encodeURIComponent(holder!.code)}`,
    )
    expect(await page.getByTestId('uscc-holder').textContent()).toBe(`Open customer ${holder!.code}`)
    await screenshot(page, 'customers-form-uscc-taken-en')
    await page.getByTestId('field-uscc').fill('')
    await page.getByTestId('uscc-holder').waitFor({ state: 'detached' })
    await uscc.getByText(`Already used by customer ${holder!.code}`).waitFor({ state: 'detached' })
    await page.getByText('中文', { exact: true }).click()
  })

  it('keeps its idempotency key across a retry after a lost reply, and makes a new one after success', async () => {
    const keys: string[] = []
    const replayed: (string | null)[] = []
    let lose = true
    const creates = (u: URL) => u.pathname === '/api/t/demo/customers'
    await page.route(creates, async (route, request) => {
      if (request.method() !== 'POST') return route.fallback()
      keys.push(request.headers()['idempotency-key'] ?? '')
      const response = await route.fetch() // the server creates the customer …
      replayed.push(response.headers()['idempotent-replayed'] ?? null)
      if (!lose) return route.fulfill({ response })
      lose = false
      return route.abort('connectionreset') // … and its reply is lost on the way back
    })
    try {
      const fill = async (name: string) => {
        await page.goto(`${app!.url}/t/demo/customers/new`)
        await page.getByTestId('field-name').fill(name)
        await pick(page, page.getByTestId('field-type'), '(RT) 零售', 'RT')
        await page.getByTestId('save-customer').click()
      }
      await fill('丢失回复零售有限公司')
      await page.getByText('无法连接服务器，请检查网络后重试。').waitFor()
      await screenshot(page, 'customers-create-lost-reply')
      await page.getByTestId('save-customer').click()
      await page.getByTestId('created-alert').waitFor()
      const first = ((await page.getByTestId('customer-code').textContent()) ?? '').trim()
      expect(keys).toHaveLength(2)
      expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(keys[1]).toBe(keys[0])
      expect(replayed).toEqual([null, 'true'])
      const found = (await (await api(`/customers?q=${encodeURIComponent('丢失回复零售')}`)).json()) as {
        total: number
        items: { code: string }[]
      }
      expect([found.total, found.items[0]?.code]).toEqual([1, first])
      await fill('另一家零售有限公司')
      await page.getByTestId('created-alert').waitFor()
      expect(keys).toHaveLength(3)
      expect(keys[2]).not.toBe(keys[0])
      expect(replayed).toEqual([null, 'true', null])
    } finally {
      await page.unroute(creates)
    }
    // two creates through the form and a reload: a loaded machine needs more than the default
  }, 60_000)
})
