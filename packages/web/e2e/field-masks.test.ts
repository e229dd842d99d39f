// Field permissions in the browser: a 业务员 (no customer:sensitive) sees masked phones in the list and on the
// record, locked fields in the edit form, in Chinese, in English and at 390 px; an administrator sees the number.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli, serve } from '@kehu/cli'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, launchBrowser, screenshot } from './harness.js'

const PASSWORD = 'correct horse battery'
const PHONE = '13812345678'

describeBrowser('field masks', () => {
  let browser: Browser
  let dir: string
  let server: { url: string; close(): Promise<void> }
  let url: string
  let code: string
  const cli = async (args: string[], stdin = '') => {
    const out: string[] = []
    const err: string[] = []
    const exit = await runCli(['--data', dir, ...args], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      lang: 'zh-CN',
      readStdin: async () => stdin,
    })
    if (exit !== 0) throw new Error(`kehu ${args.join(' ')}: ${err.join('\n')}`)
    return out.join('\n')
  }
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kehu-e2e-masks-'))
    await cli(['demo', '--customers', '5'])
    const created = await cli([
      'customer',
      'create',
      '--name',
      '福州华信科技有限公司',
      '--type',
      'V',
      '--region',
      'HBBJ',
      '--class',
      '010010001',
      '--phone',
      PHONE,
      '--set',
      'bankAccount=6222020000001234',
      '--set',
      'creditLimit=5000',
      '--json',
    ])
    code = (JSON.parse(created) as { code: string }).code
    await cli(['user', 'create', 'chief', '--admin', '--password-stdin'], `${PASSWORD}\n`)
    await cli(['user', 'create', 'seller', '--name', '王业务', '--password-stdin'], `${PASSWORD}\n`)
    await cli(['user', 'grant', 'seller', '--role', '业务员'])
    server = await serve({ port: 0, dataDir: dir, quiet: true })
    url = server.url.replace(/\/$/, '')
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const signedIn = async (login: string, locale: string, width: number): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale })
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
    await page.goto(url)
    if (locale === 'en') {
      await page.getByText('English').click()
      await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    }
    await page.getByLabel(/^(登录名|Login)$/).fill(login)
    await page.getByLabel(/^(密码|Password)$/).fill(PASSWORD)
    await page.getByRole('button', { name: /^(登 ?录|Sign in)$/ }).click()
    await page.getByTestId('user-menu').waitFor()
    return page
  }
  const record = (page: Page) => page.goto(`${url}/t/demo/customers/${encodeURIComponent(code)}`)

  it('shows a 业务员 the phone masked on the record and locks the sensitive fields in the form (zh)', {
    timeout: 120_000,
  }, async () => {
    const page = await signedIn('seller', 'zh-CN', 1280)
    await record(page)
    const phone = page.getByTestId('masked-phone')
    await phone.waitFor()
    expect(await phone.textContent()).toContain('138****5678')
    expect(await page.getByTestId('masked-creditLimit').textContent()).toContain('已隐藏')
    expect(await page.getByTestId('masked-bankAccount').textContent()).toContain('6222****1234')
    expect(await page.content()).not.toContain(PHONE)
    await screenshot(page, 'field-masks-record-zh')
    await page.goto(`${url}/t/demo/customers/${encodeURIComponent(code)}/edit`)
    const field = page.getByTestId('field-phone')
    await field.waitFor()
    expect(await field.isDisabled()).toBe(true)
    expect(await field.inputValue()).toBe('138****5678')
    await page.getByText('敏感字段：没有查看和修改的权限').first().waitFor()
    expect(await page.getByTestId('field-shortName').isDisabled()).toBe(false)
    await screenshot(page, 'field-masks-form-zh')
    // Saving another field leaves the locked ones alone.
    await page.getByTestId('field-shortName').fill('华信')
    await page.getByTestId('save-customer').click()
    await page.waitForURL(new RegExp(`/customers/${code}$`))
    await page.getByTestId('masked-phone').waitFor()
    await screenshot(page, 'field-masks-form-saved-zh')
    await page.context().close()
  })

  it('masks the list in English at 390 px; the administrator sees the number', { timeout: 120_000 }, async () => {
    const page = await signedIn('seller', 'en', 390)
    await page.goto(`${url}/t/demo/customers?q=${encodeURIComponent('福州华信')}`)
    const masked = page.getByTestId('masked-phone').first()
    await masked.waitFor()
    expect(await masked.textContent()).toBe('138****5678')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'field-masks-list-en-390')
    await record(page)
    await page.getByTestId('masked-phone').waitFor()
    expect(await page.getByTestId('masked-creditLimit').textContent()).toContain('Hidden')
    await screenshot(page, 'field-masks-record-en-390')
    await page.context().close()

    const admin = await signedIn('chief', 'zh-CN', 1280)
    await record(admin)
    await admin.getByTestId('phone-link').waitFor()
    expect(await admin.getByTestId('phone-link').textContent()).toBe(PHONE)
    expect(await admin.getByTestId('masked-phone').count()).toBe(0)
    await admin.context().close()
  })
})
