import { EVERY_CUSTOMER } from '@kehu/core'
import { createStore, openDatabase } from '@kehu/storage'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, openSession, pick, type RunningApp, type Session, screenshot } from './harness.js'

describeBrowser('编码规则 page', () => {
  let session: Session | undefined
  let app: RunningApp | undefined
  let page: Page

  beforeAll(async () => {
    session = await openSession({ width: 1400, height: 1000, locale: 'zh-CN', timeout: 15_000 })
    app = session.app
    page = session.page
  })

  afterAll(() => session?.close())

  const pattern = () => page.getByTestId('rule-pattern')

  it('lists the demo rules', async () => {
    await page.goto(`${app!.url}/t/demo/code-rules`)
    const list = page.getByTestId('rule-list')
    await list.getByText('类型前缀', { exact: true }).waitFor()
    await list.getByText('{type}{serial:3}').waitFor()
    await list.getByText('{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}').waitFor()
  })

  it('shows the Chinese refusal reasons while typing a colliding rule', async () => {
    await page.getByTestId('rule-add').click()
    await page.getByTestId('rule-editor').waitFor()
    await page.getByTestId('rule-name').fill('客户号')
    await pattern().fill('RT{serial:3}')
    const reasons = page.getByTestId('rule-reasons')
    await reasons.getByText(/与启用中的规则“类型前缀”.*可能重号/).waitFor()
    expect(await reasons.textContent()).toContain('RT')
    await screenshot(page, 'code-rules-refused')
    await pattern().fill('{date:yyyy}-{serial:5|per:date:yyyymm}')
    await reasons.getByText(/流水依据按日期 yyyymm 分段计数，但编码只打印 \{date:yyyy\}/).waitFor()
  })

  it('previews the next codes of a good rule for a sample customer, and saves it', async () => {
    await pattern().fill('KH{date:yyyy}{serial:4}')
    await page.getByTestId('rule-check').getByText('可以保存：不会重号').waitFor()
    // the same date picker as the customer form
    const sampleDate = page
      .getByTestId('sample-date')
      .locator('input')
      .or(page.locator('input[data-testid="sample-date"]'))
    await sampleDate.click()
    await sampleDate.fill('2023-10-01')
    await page.keyboard.press('Enter')
    const codes = page.getByTestId('preview-code')
    await page.getByTestId('rule-preview').getByText('KH20230001', { exact: true }).waitFor()
    expect(await codes.allTextContents()).toEqual([
      'KH20230001',
      'KH20230002',
      'KH20230003',
      'KH20230004',
      'KH20230005',
    ])
    // A sample that names a region: the demo map table prints its short code.
    await pattern().fill('{region|map:地区简称}{serial:4}')
    await page.getByTestId('rule-check').getByText('可以保存：不会重号').waitFor()
    await pick(page, page.getByTestId('sample-region'), 'HBBJ 北京', '北京')
    await page.getByTestId('rule-preview').getByText('BJ0001', { exact: true }).waitFor()
    await screenshot(page, 'code-rules-preview')
    await pattern().fill('KH{date:yyyy}{serial:4}')
    await page.getByTestId('rule-check').getByText('可以保存：不会重号').waitFor()
    await page.getByTestId('rule-save').click()
    await page.getByTestId('rule-editor').waitFor({ state: 'hidden' })
    await page.getByTestId('rule-list').getByText('KH{date:yyyy}{serial:4}').waitFor()
  })

  it('shows where counters start before a scope change is saved, and offers legacy codes for typed codes', async () => {
    await page.getByTestId('rule-list').locator('tr', { hasText: '类型前缀' }).getByTitle('编辑').click()
    await page.getByTestId('rule-editor').waitFor()
    // an automatic rule takes no typed codes, so it has no legacy switch
    expect(await page.getByTestId('rule-legacy-codes').count()).toBe(0)
    await pattern().fill('{type}{serial:3|per:none}')
    // one counter for the whole rule, starting past the highest code of any type it can print
    await page
      .getByTestId('rule-counters')
      .getByText(/^计数器 （整条规则）：从 \d+ 开始（已发出 [A-Z]+\d{3}），下一个编码 [A-Z]+\d{3}$/)
      .waitFor()
    await pick(page, page.getByTestId('rule-mode'), '手工输入')
    await page.getByTestId('rule-legacy-codes').waitFor()
    await page.getByText('手工填写的编码不符合规则时，带提示保存（格式与校验位仍须正确）；不勾选则拒绝').waitFor()
    await screenshot(page, 'code-rules-counters')
    await page.getByTestId('rule-cancel').click()
    await page.getByTestId('rule-editor').waitFor({ state: 'hidden' })
  })

  it('shows the capacity as one row per rule, riskiest first, expandable to counters named in words', async () => {
    await page.getByTestId('tab-capacity').click()
    const cap = page.getByTestId('capacity')
    const rules = cap.getByTestId('capacity-rules')
    const row = rules.locator('tr.ant-table-row', { hasText: '默认规则' })
    await row.waitFor()
    const names = await rules
      .locator('tr.ant-table-row > td:nth-child(2)')
      // biome-ignore lint/performance/useDomNodeTextContent: innerText separates the cells
      .evaluateAll((tds) => tds.map((td) => (td as HTMLElement).innerText))
    expect(new Set(names).size).toBe(names.length)
    expect(Number(await row.locator('td').nth(2).textContent())).toBeGreaterThan(1)
    expect(await row.locator('.ant-progress').count()).toBe(1)
    await row.locator('.ant-table-row-expand-icon').click()
    const counters = cap.getByTestId('capacity-counters-默认规则')
    await counters.waitFor()
    // the scope in words: the type's and the region's names and the date, never the raw key
    const scope = (await counters.locator('tbody tr.ant-table-row td').first().textContent()) ?? ''
    expect(scope).toMatch(/^类型=\S+ · 地区=\S+ · \d{4}-\d{2}-\d{2}$/)
    expect(await counters.textContent()).not.toMatch(/date:|type=|region=/)
    await screenshot(page, 'code-rules-capacity')
    await page.getByText('English', { exact: true }).click()
    await counters
      .getByText(/^Type=\S+ · Region=\S+ · \d{4}-\d{2}-\d{2}$/)
      .first()
      .waitFor()
    await screenshot(page, 'code-rules-capacity-en')
    await page.getByText('中文', { exact: true }).click()
    await page.getByTestId('tab-audit').click()
    await page.getByTestId('audit-run').click()
    await page
      .getByTestId('audit')
      .getByText(/检查了 \d+ 个编码/)
      .waitFor()
    await screenshot(page, 'code-rules-audit')
  })

  it('fixes a counter behind a legacy code through a job, and audits again', async () => {
    await plantLegacyCode(app!.dataDir, 'RT998')
    const audit = page.getByTestId('audit')
    await page.getByTestId('audit-run').click()
    await audit.getByText(/计数器落后 1/).waitFor()
    await page.getByTestId('audit-fix').click()
    await page.getByText('已移动 1 个计数器').waitFor()
    await audit.getByText(/计数器落后 0|没有发现问题/).waitFor()
    await screenshot(page, 'code-rules-audit-fixed')
    const jobs = (await (await fetch(`${app!.url}/api/t/demo/jobs?kind=code-audit-fix`)).json()) as {
      items: { status: string; result: { fixed: number } }[]
    }
    expect(jobs.items[0]).toMatchObject({ status: 'done', result: { fixed: 1 } })
  })

  it('shows a running job’s progress with a cancel button, in Chinese, English and at 390 px', async () => {
    await plantLegacyCode(app!.dataDir, 'RT999')
    // The real fix ends within a blink; a job held at 1,200 of 5,000 shows what a long one looks like.
    const running = {
      id: '01930000-0000-7000-8000-000000000001',
      kind: 'code-audit-fix',
      status: 'running',
      progress: { phase: 'audit', done: 1200, total: 5000, rate: 3100, etaSeconds: 2 },
      result: null,
      error: null,
      cancelRequested: false,
      createdBy: 'admin',
      createdAt: '2026-12-07T10:00:00.000Z',
      startedAt: '2026-12-07T10:00:00.000Z',
      finishedAt: null,
    }
    await page.route('**/api/t/demo/codes/audit/fix', (r) =>
      r.fulfill({ status: 202, contentType: 'application/json', body: JSON.stringify({ job: running }) }),
    )
    await page.route(`**/api/t/demo/jobs/${running.id}`, (r) =>
      r.fulfill({ contentType: 'application/json', body: JSON.stringify(running) }),
    )
    try {
      await page.getByTestId('audit-run').click()
      await page.getByTestId('audit-fix').click()
      const progress = page.getByTestId('job-progress')
      await progress.getByText('运行中 · 检查编码').waitFor()
      expect(await progress.textContent()).toContain('已处理 1200 / 5000 · 3100 条/秒 · 约剩 2 秒')
      await progress.getByTestId('job-cancel').waitFor()
      await screenshot(page, 'job-progress')
      await page.getByText('English', { exact: true }).click()
      await progress.getByText('Running · Checking codes').waitFor()
      await screenshot(page, 'job-progress-en')
      await page.setViewportSize({ width: 390, height: 844 })
      await screenshot(page, 'job-progress-en-390')
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 })
      await page.getByText('中文', { exact: true }).click()
      await page.unrouteAll()
    }
  })
})

/** A legacy code past the 类型前缀 counter, as an old system's import would leave it. */
async function plantLegacyCode(dataDir: string, code: string) {
  const db = await openDatabase({ dataDir })
  try {
    await createStore(db).transaction(async (tx) => {
      const tenant = await tx.tenants.byCode('demo')
      const someone = (await tx.customers.find(tenant!.id, EVERY_CUSTOMER, { limit: 1, offset: 0 })).items[0]!
      await tx.codes.tryInsert({
        tenantId: tenant!.id,
        code,
        customerId: someone.id,
        kind: 'alias',
        ruleId: null,
        scopeKey: null,
        serial: null,
        createdAt: '2020-01-01T00:00:00.000Z',
      })
    })
  } finally {
    await db.close()
  }
}
