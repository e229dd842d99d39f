import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const script = join(here, 'gen-api.mjs')
const committed = join(here, '../packages/web/src/api/schema.d.ts')
const scratch = mkdtempSync(join(tmpdir(), 'kehu-gen-api-test-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const check = (file: string) => spawnSync(process.execPath, [script, '--check', '--file', file], { encoding: 'utf8' })

describe('gen:api', () => {
  it('the committed web API types match the server', { timeout: 90_000 }, () => {
    const r = check(committed)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('--check fails on a client that drifted from the server', { timeout: 90_000 }, () => {
    const drifted = join(scratch, 'schema.d.ts')
    writeFileSync(drifted, readFileSync(committed, 'utf8').replace('"/api/health"', '"/api/healthz"'))
    const r = check(drifted)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('npm run gen:api')
  })
})
