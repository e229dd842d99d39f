// Sign-in in the browser: the first administrator's set-up on the server's machine, the sign-in page in
// Chinese and English and at 390 px, the user menu, a wrong password, and a lost session sending the user
// back to sign in.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeBrowser, launchBrowser, type RunningApp, screenshot, startApp } from './harness.js'

const PASSWORD = 'correct horse battery'

describeBrowser('sign-in', () => {
  let browser: Browser
  let app: RunningApp
  beforeAll(async () => {
    browser = await launchBrowser()
    app = await startApp()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  const newPage = async (width: number, height: number): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' })
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    return page
  }

  const signIn = async (page: Page, login: string, password: string, button: string) => {
    await page.getByLabel(/^(登录名|Login)$/).fill(login)
    await page.getByLabel(/^(密码|Password)$/).fill(password)
    await page.getByRole('button', { name: button }).click()
  }

  it('offers the set-up of the first administrator on this machine, then signs them in', async () => {
    const page = await newPage(1280, 800)
    await page.goto(app.url)
    // Until then this machine is the administrator: the app opens, with a banner offering the set-up.
    await page.getByTestId('stat-customers').waitFor()
    await page.getByTestId('setup-banner').getByRole('link', { name: '设置第一个管理员' }).click()
    await page.getByRole('heading', { name: '设置第一个管理员' }).waitFor()
    await screenshot(page, 'sign-in-setup-zh')
    await page.getByLabel('登录名').fill('chief')
    await page.getByLabel('姓名').fill('张总')
    await page.getByLabel('密码（至少 10 个字符）').fill('short')
    await page.getByLabel('再次输入密码').fill('other')
    await page.getByRole('button', { name: '创建并登录' }).click()
    await page.getByText('密码至少 10 个字符').waitFor()
    await page.getByText('两次输入的密码不一致').waitFor()
    await page.getByLabel('密码（至少 10 个字符）').fill(PASSWORD)
    await page.getByLabel('再次输入密码').fill(PASSWORD)
    await page.getByRole('button', { name: '创建并登录' }).click()
    await page.getByTestId('user-menu').getByText('张总').waitFor()
    await page.getByTestId('stat-customers').waitFor()
    expect(await page.getByTestId('setup-banner').count()).toBe(0)
    await page.goto(`${app.url}/setup`)
    await page.getByTestId('stat-customers').waitFor()
    await page.context().close()
  })

  it('signs in in Chinese, refuses a wrong password, signs out from the user menu', async () => {
    const page = await newPage(1280, 800)
    await page.goto(`${app.url}/t/demo/customers`)
    await page.getByRole('heading', { name: '登录' }).waitFor()
    await signIn(page, 'chief', 'not the password', '登 录')
    await page.getByText('登录名或密码不正确').waitFor()
    await screenshot(page, 'sign-in-zh-wrong')
    await page.getByLabel(/^密码$/).fill(PASSWORD)
    await page.getByRole('button', { name: '登 录' }).click()
    // The page asked for opens once signed in.
    await page.waitForURL(/\/t\/demo\/customers$/)
    await page.getByTestId('user-menu').click()
    await page.getByText('退出登录').click()
    await page.getByRole('heading', { name: '登录' }).waitFor()
    expect(await page.context().cookies()).toEqual([])
    await page.context().close()
  })

  it('signs in in English at 390 px, and a lost session comes back to the sign-in page', async () => {
    const page = await newPage(390, 844)
    await page.goto(app.url)
    await page.getByRole('heading', { name: '登录' }).waitFor()
    await page.getByText('English').click()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(390)
    await screenshot(page, 'sign-in-en-390')
    await signIn(page, 'Chief', PASSWORD, 'Sign in')
    await page.getByTestId('user-menu').waitFor()
    await page.getByTestId('stat-customers').waitFor()
    await screenshot(page, 'sign-in-en-390-home')
    await page.context().clearCookies()
    await page.getByRole('button', { name: 'Navigation' }).click()
    await page.getByRole('menu').getByText('Customers', { exact: true }).click()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await page.context().close()
  })
})
