import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@kehu/cli'
import { type Browser, chromium } from 'playwright-core'
import type { BenchContext } from './harness.js'

export const name = 'web'
export const description =
  'The customer list in Chromium on loopback, cold cache: JavaScript transferred before the first rows show, and the time to them; floor: the build before the lighter-page change (issue 24), served uncompressed, measured in the same run'

/** The last commit before the lighter page (compression, precompressed assets, lighter first route). */
const BEFORE = '9623b21'
const ROUNDS = 5
const repo = fileURLToPath(new URL('..', import.meta.url))

/** Builds the web UI of `ref` into a temp folder (git archive + the repo's node_modules) and returns its dist. */
function buildAt(ref: string, dir: string): string {
  mkdirSync(dir, { recursive: true })
  execFileSync('sh', [
    '-c',
    `git -C "${repo}" archive ${ref} tsconfig.base.json packages/web packages/core | tar -x -C "${dir}"`,
  ])
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'))
  execFileSync(join(repo, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error'], {
    cwd: join(dir, 'packages', 'web'),
    stdio: 'inherit',
  })
  return join(dir, 'packages', 'web', 'dist')
}

interface Load {
  jsKb: number
  firstRowsMs: number
}

/** One cold load of the customer list: script bytes on the wire until the first row, and the time to it. */
async function loadOnce(browser: Browser, url: string, encoding?: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  if (encoding) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encoding } })
  const scripts = new Set<string>()
  let bytes = 0
  let counting = true
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.add(e.requestId)
  })
  cdp.on('Network.loadingFinished', (e) => {
    if (counting && scripts.has(e.requestId)) bytes += e.encodedDataLength
  })
  await page.goto(`${url}/t/demo/customers`, { waitUntil: 'commit' })
  await page.locator('[data-testid^="customer-link-"]').first().waitFor({ timeout: 30_000 })
  counting = false
  const firstRowsMs = await page.evaluate(() => performance.now())
  await context.close()
  return { jsKb: bytes / 1024, firstRowsMs }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

export async function run(ctx: BenchContext): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'kehu-bench-web-'))
  const stops: (() => Promise<void>)[] = []
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] })
  try {
    ctx.log(`building the web UI as of ${BEFORE} and as it is now`)
    const beforeDist = buildAt(BEFORE, join(tmp, 'before'))
    execFileSync('npm', ['run', 'build', '-w', '@kehu/web', '--silent'], { cwd: repo, stdio: 'inherit' })
    const servers = { before: '', after: '' }
    for (const kind of ['before', 'after'] as const) {
      const s = await serve({
        port: 0,
        dataDir: join(tmp, `data-${kind}`),
        demoIfEmpty: true,
        quiet: true,
        ...(kind === 'before' ? { webDir: beforeDist, compress: false } : {}),
      })
      stops.push(() => s.close())
      servers[kind] = s.url.replace(/\/$/, '')
    }
    const runs: Record<'before' | 'after' | 'gzip', Load[]> = { before: [], after: [], gzip: [] }
    for (const kind of ['before', 'after'] as const) await loadOnce(browser, servers[kind]) // warm the servers
    for (let i = 0; i < ROUNDS; i++) {
      for (const kind of ['before', 'after'] as const) runs[kind].push(await loadOnce(browser, servers[kind]))
      // The aim is written in gzip: the same load with brotli refused.
      runs.gzip.push(await loadOnce(browser, servers.after, 'gzip'))
    }
    const js = (k: keyof typeof runs) => median(runs[k].map((r) => r.jsKb))
    const ms = (k: keyof typeof runs) => median(runs[k].map((r) => r.firstRowsMs))
    ctx.log(`rounds: ${JSON.stringify(runs)}`)
    ctx.record({
      label: 'JavaScript transferred before the first customer rows',
      value: js('after'),
      unit: 'KB',
      floor: js('before'),
    })
    ctx.record({
      label: 'JavaScript transferred before the first customer rows, gzip only',
      value: js('gzip'),
      unit: 'KB',
      floor: js('before'),
    })
    ctx.record({
      label: 'time to the first customer rows (cold cache)',
      value: ms('after'),
      unit: 'ms',
      floor: ms('before'),
    })
  } finally {
    await browser.close()
    for (const stop of stops) await stop()
    rmSync(tmp, { recursive: true, force: true })
  }
}
