import { readFile } from 'node:fs/promises'
import { openTable } from '@kehu/files'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, expectNoSideways, openSession, type RunningApp, type Session, screenshot } from './harness.js'

/** Clicks a format in the export menu and gives back the downloaded file's name and bytes. */
async function download(page: Page, format: string): Promise<{ name: string; path: string; bytes: Buffer }> {
  await page.getByTestId('export-customers').click()
  const link = page.getByTestId(`export-${format}`)
  await link.waitFor()
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()])
  const path = await file.path()
  return { name: file.suggestedFilename(), path, bytes: await readFile(path) }
}

const csvLines = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)

// 导出 on the customer list: the current filter, every page of it, as a file the browser saves itself.
describeBrowser('customer export from the list', () => {
  let session: Session | undefined
  let app: RunningApp | undefined
  let page: Page
  let regionTotal = 0

  beforeAll(async () => {
    session = await openSession({ width: 1440, height: 900, locale: 'zh-CN', timeout: 20_000 })
    app = session.app
    page = session.page
    const r = await fetch(`${app.url}/api/t/demo/customers?region=HB&limit=1`)
    regionTotal = ((await r.json()) as { total: number }).total
    expect(regionTotal).toBeGreaterThan(1)
  })

  afterAll(() => session?.close())

  it('zh-CN at 1440 px: exports the filtered list (all pages) as CSV and Excel with Chinese headers', async () => {
    await page.goto(`${app!.url}/t/demo/customers?region=HB&size=10`)
    await page.getByText(`共 ${regionTotal} 个客户`).waitFor({ timeout: 45_000 })
    await page.getByTestId('export-customers').click()
    await page.getByText(`按当前筛选导出全部 ${regionTotal} 个客户`).waitFor()
    await screenshot(page, 'export-menu-1440-zh')
    await page.keyboard.press('Escape')
    const { name, bytes } = await download(page, 'csv')
    expect(name).toMatch(/^客户档案-\d{8}\.csv$/)
    const lines = csvLines(bytes)
    expect(lines[0]).toMatch(/^客户编码,客户名称,客户简称,/)
    expect(lines).toHaveLength(regionTotal + 1)
    // the same customers as the list's every page (codes have no commas: the first cell is safe to split off)
    const all = (await (await fetch(`${app!.url}/api/t/demo/customers?region=HB&limit=500`)).json()) as {
      items: { code: string }[]
    }
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(all.items.map((c) => c.code).sort())
  }, 90_000)

  it('English at 390 px: the button fits the phone, CSV and GBK CSV have English headers', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${app!.url}/t/demo/customers?region=HB`)
    await page.getByText('English', { exact: true }).click()
    await page.getByTestId('export-customers').getByText('Export').waitFor()
    await expectNoSideways(page)
    await page.getByTestId('export-customers').click()
    await page.getByText(`Exports all ${regionTotal} customers of the current filter`).waitFor()
    await expectNoSideways(page)
    await screenshot(page, 'export-menu-390-en')
    await page.keyboard.press('Escape')
    const { name, bytes } = await download(page, 'csv')
    expect(name).toMatch(/^customers-\d{8}\.csv$/)
    expect(csvLines(bytes)[0]).toMatch(/^Customer code,Name,/)
    // GBK for older Excel: no byte-order mark, read back as GB18030
    const gbk = await download(page, 'csv-gbk')
    expect([...gbk.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf])
    const table = await openTable(gbk.path)
    expect(table.encoding).toBe('gb18030')
    expect(table.headers.slice(0, 2)).toEqual(['Customer code', 'Name'])
    let n = 0
    for await (const _ of table.rows) n++
    expect(n).toBe(regionTotal)
  }, 90_000)
})
