import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))

// Vitest always loads the server first, which hides this trap: route schemas that call `.openapi()` on a zod
// schema made in @kehu/app crash at load when @kehu/app was imported before @kehu/server (the CLI's order).
// The built packages are imported in that order in a fresh process.
describe('built packages', () => {
  it('load with @kehu/app imported before @kehu/server', () => {
    expect(existsSync(`${root}packages/server/dist/index.js`), 'run npm run build first').toBe(true)
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "await import('@kehu/app'); const s = await import('@kehu/server'); console.log(typeof s.createApp)",
      ],
      { cwd: root, encoding: 'utf8' },
    )
    expect(out.trim()).toBe('function')
  })
})
