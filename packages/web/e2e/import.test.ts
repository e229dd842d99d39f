// The import wizard in the browser: a CSV with one wrong row is checked and imported, its wrong row downloaded,
// corrected and imported again — every row exactly once; in Chinese at 1280 px and in English at 390 px.
import { readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  describeBrowser,
  expectNoSideways,
  launchBrowser,
  type RunningApp,
  screenshot,
  signedIn,
  startApp,
} from './harness.js'

const PASSWORD = 'correct horse battery'
const NAMES = ['导入测试甲有限公司', '导入测试乙有限公司', '导入测试丙有限公司']

describeBrowser('the import wizard', () => {
  let browser: Browser
  let app: RunningApp
  beforeAll(async () => {
    browser = await launchBrowser()
    app = await startApp()
    const setup = await fetch(`${app.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ login: 'chief', displayName: '张总', password: PASSWORD }),
    })
    expect(setup.status).toBe(201)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  const csvFile = async (name: string, content: string) => {
    const path = join(tmpdir(), `kehu-import-${process.pid}-${name}`)
    await writeFile(path, content)
    return path
  }
  /** Chooses the file in the drop zone and waits for the column matching. */
  const upload = async (page: Page, path: string) => {
    await page.getByTestId('import-file').locator('input[type=file]').setInputFiles(path)
    await page.getByTestId('mapping-table').waitFor()
  }
  /** How many customers of the demo tenant carry this exact name, asked as the administrator. */
  const countNamed = async (page: Page, name: string) => {
    const r = await page.request.get(`${app.url}/api/t/demo/customers?q=${encodeURIComponent(name)}&limit=50`)
    const body = (await r.json()) as { items: { name: string }[] }
    return body.items.filter((c) => c.name === name).length
  }

  it('checks, imports the good rows, gives the wrong row back as a file, and imports it corrected (zh)', async () => {
    const { context, page } = await signedIn(
      browser,
      app,
      { width: 1280, height: 900, lang: 'zh-CN', path: '' },
      'chief',
      PASSWORD,
    )
    await page.getByRole('menu').getByText('导入导出', { exact: true }).click()
    await page.waitForURL(/\/t\/demo\/transfer$/)
    await page.getByTestId('import-wizard').waitFor()
    await screenshot(page, 'import-file-zh')

    const csv = [
      '客户名称,客户类型,地区,信用额度',
      `${NAMES[0]},V,HBBJ,10000`,
      `${NAMES[1]},V,HBBJ,很多`,
      `${NAMES[2]},V,HBBJ,2000`,
    ].join('\r\n')
    await upload(page, await csvFile('first.csv', csv))
    // The suggested matching: every header found its field.
    const mapping = page.getByTestId('mapping-table')
    await mapping.getByText('客户名称', { exact: true }).first().waitFor()
    expect(await page.getByTestId('map-0').textContent()).toContain('客户名称')
    expect(await page.getByTestId('map-3').textContent()).toContain('信用额度')
    await screenshot(page, 'import-mapping-zh')

    await page.getByTestId('import-check').click()
    const report = page.getByTestId('import-report')
    await report.waitFor()
    expect(await page.getByTestId('count-read').textContent()).toContain('3')
    expect(await page.getByTestId('count-inserted').textContent()).toContain('2')
    expect(await page.getByTestId('count-bad').textContent()).toContain('1')
    await page.getByTestId('import-issues').getByText('信用额度').first().waitFor()
    await screenshot(page, 'import-check-zh')
    // A check writes nothing.
    expect(await countNamed(page, NAMES[0] as string)).toBe(0)

    await page.getByTestId('import-commit').click()
    await page.getByRole('heading', { name: '导入结果' }).waitFor()
    expect(await page.getByTestId('count-inserted').textContent()).toContain('2')
    expect(await page.getByTestId('count-bad').textContent()).toContain('1')
    await screenshot(page, 'import-result-zh')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('error-file').click()])
    const errors = await readFile((await download.path()) as string, 'utf8')
    const lines = errors
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter(Boolean)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^客户名称,客户类型,地区,信用额度,/)
    expect(lines[1]).toContain(NAMES[1])
    expect(lines[1]).not.toContain(NAMES[0])

    // Corrected, the error file imports as it is: its 错误说明 column is not imported.
    await page.getByTestId('import-restart').click()
    await upload(page, await csvFile('fixed.csv', errors.replace('很多', '5000')))
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-report').waitFor()
    expect(await page.getByTestId('count-bad').textContent()).toContain('0')
    await page.getByTestId('import-commit').click()
    await page.getByRole('heading', { name: '导入结果' }).waitFor()
    expect(await page.getByTestId('count-inserted').textContent()).toContain('1')

    for (const name of NAMES) expect(await countNamed(page, name)).toBe(1)
    await context.close()
  }, 240_000)

  it('fits a 390 px phone in English: the file, the matching (saved by name) and the check', async () => {
    const { context, page } = await signedIn(
      browser,
      app,
      { width: 390, height: 844, lang: 'en', path: 'transfer' },
      'chief',
      PASSWORD,
    )
    await page.getByTestId('import-wizard').waitFor()
    await expectNoSideways(page)
    await screenshot(page, 'import-file-en-390')
    const csv = ['Customer name,Remarks,Whatever', 'Phone Test Ltd,first,x'].join('\n')
    await upload(page, await csvFile('phone.csv', csv))
    expect(await page.getByTestId('map-2').textContent()).toContain('Do not import')
    await page.getByTestId('import-mapping-name').fill('phone file')
    await page.getByTestId('import-mapping-save').click()
    await page.getByText('Saved the matching phone file').waitFor()
    await expectNoSideways(page)
    await screenshot(page, 'import-mapping-en-390')
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-report').waitFor()
    await expectNoSideways(page)
    await screenshot(page, 'import-check-en-390')
    await context.close()
  }, 180_000)
})
