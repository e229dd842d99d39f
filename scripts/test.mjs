// Runs every test with Vitest and ends with the line `N passed, N failed[, N skipped]`,
// so a run that executed no test cannot pass unnoticed. Extra args go to vitest.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'kehu-test-'))
const out = join(dir, 'results.json')
const ci = process.env.CI === 'true' || process.env.CI === '1'
const run = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
)
let passed = 0
let failed = 0
let skipped = 0
try {
  const r = JSON.parse(readFileSync(out, 'utf8'))
  passed = r.numPassedTests
  failed = r.numFailedTests
  skipped = r.numPendingTests + r.numTodoTests
} catch {
  failed = Math.max(failed, 1)
  console.error('no test results were written')
}
rmSync(dir, { recursive: true, force: true })
let code = run.status ?? 1
if (passed + failed === 0) {
  console.error('no test was executed')
  code = 1
}
if (ci && skipped > 0) {
  console.error(`CI forbids skipped tests: ${skipped} skipped`)
  code = 1
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(code)
