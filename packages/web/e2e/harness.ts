// Browser-test harness: Debian's Chromium driven by playwright-core, against the real kehu server.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@kehu/cli'
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core'
import { describe, expect } from 'vitest'

export const chromiumPath = '/usr/bin/chromium'
const webDir = dirname(dirname(fileURLToPath(import.meta.url)))
export const screenshotDir = join(webDir, 'test-results', 'screenshots')

const ci = process.env.CI === 'true' || process.env.CI === '1'
const hasChromium = existsSync(chromiumPath)

/**
 * `describe` for browser tests: skipped on a machine without Chromium, except under CI=true,
 * where the tests run and fail in launchBrowser() with the reason.
 */
export const describeBrowser = describe.skipIf(!hasChromium && !ci)

/** Starts headless Chromium (with extra command-line switches, if any); throws a clear message when it is not installed. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is missing at ${chromiumPath}: install it (apt-get install chromium). ` +
        'The browser tests are skipped without it, except under CI=true, where that is a failure.',
    )
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  })
}

/** Saves a full-page screenshot as packages/web/test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true })
  const path = join(screenshotDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

/**
 * Picks the option containing `text` in an antd Select or TreeSelect (typing `search` first, if given) and waits until
 * the select shows it. On a loaded machine a click that lands while the dropdown re-renders is lost, and a search typed
 * before the box took focus leaves an unfiltered list that may not render the option: the pick is tried again with a
 * fresh dropdown while the select does not show the choice. A choice already shown is not clicked again (in a multiple
 * select that would remove it).
 */
export async function pick(page: Page, select: Locator, text: string, search?: string): Promise<void> {
  const shown = select.locator('.ant-select-selection-item', { hasText: text })
  const dropdown = page.locator('.ant-select-dropdown:visible')
  for (let attempt = 1; !(await shown.first().isVisible()); attempt++) {
    if ((await dropdown.count()) > 0) {
      // Escape closes only the dropdown, so the next attempt starts from a closed select
      await page.keyboard.press('Escape')
      await dropdown.first().waitFor({ state: 'hidden' })
    }
    await select.click()
    if (search) await page.keyboard.type(search)
    try {
      await dropdown
        .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text })
        .first()
        .click({ timeout: 5_000 })
      await shown.first().waitFor({ timeout: 3_000 })
    } catch (e) {
      if (attempt === 3) throw e
    }
  }
}

export interface RunningApp {
  /** The server's base URL, e.g. `http://127.0.0.1:41234`. */
  url: string
  /** The server's SQLite data folder (a test may plant data the UI cannot make, e.g. legacy codes). */
  dataDir: string
  close(): Promise<void>
}

/**
 * Starts the real kehu server (API and the built UI) on a free port, with a fresh temporary data
 * folder and the demo tenant. close() stops it and removes the folder.
 */
export async function startApp(options: { databaseUrl?: string } = {}): Promise<RunningApp> {
  if (!existsSync(join(webDir, 'dist', 'index.html'))) {
    throw new Error('The web UI is not built: run `npm run build -w @kehu/web` first.')
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'kehu-e2e-'))
  try {
    const server = await serve({
      port: 0,
      dataDir,
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      demoIfEmpty: true,
      quiet: true,
    })
    const url = server.url.replace(/\/$/, '')
    // The first long read starts the read worker, which takes seconds on a busy machine: start it now, so a
    // test's first page is not the one that waits for it.
    await (await fetch(`${url}/api/t/demo/customers?limit=1`)).text()
    return {
      url,
      dataDir,
      async close() {
        try {
          await server.close()
        } finally {
          await rm(dataDir, { recursive: true, force: true })
        }
      },
    }
  } catch (e) {
    await rm(dataDir, { recursive: true, force: true })
    throw e
  }
}

/** A test file's browser page on its own running app. */
export interface Session {
  app: RunningApp
  page: Page
  /** Closes the browser and stops the app. */
  close(): Promise<void>
}

/** Launches Chromium and starts the app (demo tenant), and opens one page with this viewport, locale and timeout. */
export async function openSession(opts: {
  width: number
  height: number
  locale: string
  timeout: number
}): Promise<Session> {
  const browser = await launchBrowser()
  let app: RunningApp | undefined
  try {
    app = await startApp()
    const context = await browser.newContext({
      viewport: { width: opts.width, height: opts.height },
      locale: opts.locale,
    })
    const page = await context.newPage()
    page.setDefaultTimeout(opts.timeout)
    const running = app
    return {
      app: running,
      page,
      async close() {
        try {
          await browser.close()
        } finally {
          await running.close()
        }
      },
    }
  } catch (e) {
    await browser.close()
    await app?.close()
    throw e
  }
}

/** A new browser context signed in through the sign-in page, on a page of the demo tenant (`path` after `/t/demo/`). */
export async function signedIn(
  browser: Browser,
  app: RunningApp,
  o: { width: number; height: number; lang: 'zh-CN' | 'en'; path: string },
  login: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: o.width, height: o.height }, locale: o.lang })
  await context.addInitScript((lang) => localStorage.setItem('kehu.language', lang), o.lang)
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  await page.goto(`${app.url}/t/demo/${o.path}`)
  await page.getByLabel(/^(登录名|Login)$/).fill(login)
  await page.getByLabel(/^(密码|Password)$/).fill(password)
  await page.getByRole('button', { name: /^(登 录|Sign in)$/ }).click()
  await page.getByTestId('user-menu').waitFor()
  return { context, page }
}

/** The page is no wider than its viewport (nothing scrolls sideways on a phone). */
export const expectNoSideways = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()?.width ?? 0,
  )
