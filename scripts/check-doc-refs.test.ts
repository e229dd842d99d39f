import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const script = join(dirname(fileURLToPath(import.meta.url)), 'check-doc-refs.mjs')
const scratch: string[] = []

/** A scratch git checkout holding `files`, with the slice folders core/src/codes and app/src/codes. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kehu-doc-refs-'))
  scratch.push(dir)
  execFileSync('git', ['init', '-q', dir])
  const all: Record<string, string> = {
    'ARCHITECTURE.md': 'Slices: `codes/`.\n',
    'docs/decisions/0001-first.md': '# 0001\n',
    'packages/core/src/codes/a.ts': '',
    'packages/app/src/codes/b.ts': '',
    ...files,
  }
  for (const [path, body] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), body)
  }
  return dir
}

const check = (dir: string) => {
  const r = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('check-doc-refs', () => {
  it('passes when every citation resolves, beside the file or from the root, and ignores URLs and ignored output', () => {
    const r = check(
      repo({
        'README.md': 'See `docs/decisions/0001-first.md`, ADR 0001 and https://example.com/guide.md.\n',
        'docs/notes.md': 'Beside this file: decisions/0001-first.md; `packages/web/out/` is built output.\n',
        'packages/core/src/codes/c.ts': '// why: docs/decisions/0001-first.md and ../../../../README.md\n',
        '.gitignore': 'packages/web/out/\n',
      }),
    )
    expect(r.out).toContain('every cited file exists')
    expect(r.status).toBe(0)
  })

  it('fails on each citation of a missing file, a missing record or a missing documented path', () => {
    const r = check(
      repo({
        'packages/core/src/codes/c.ts': '// the rule comes from product.md A.9 and ../shared/decisions.md\n',
        'packages/app/src/codes/d.ts': '/** as ADR 0042 says */\n',
        'CONTRIBUTING.md': 'Use `packages/core/src/gone.ts` and `docs/decisions/NNNN-title.md`.\n',
      }),
    )
    expect(r.status).toBe(1)
    expect(r.out).toContain('packages/core/src/codes/c.ts:1: cites product.md')
    expect(r.out).toContain('cites ../shared/decisions.md')
    expect(r.out).toContain('packages/app/src/codes/d.ts:1: cites ADR 0042')
    expect(r.out).toContain('CONTRIBUTING.md:1: names packages/core/src/gone.ts')
    expect(r.out).not.toContain('NNNN')
  })

  it('fails when ARCHITECTURE.md and the slice folders disagree, either way', () => {
    const r = check(
      repo({
        'ARCHITECTURE.md': 'Slices: `codes/`, `tenancy/`; also `docs/` and `src/`.\n',
        'packages/app/src/audit/e.ts': '',
      }),
    )
    expect(r.status).toBe(1)
    expect(r.out).toContain('does not name the folder packages/app/src/audit/')
    expect(r.out).toContain('names the folder tenancy/, which does not exist')
    expect(r.out).not.toContain('docs/, which')
    expect(r.out).not.toContain('src/, which')
  })
})
