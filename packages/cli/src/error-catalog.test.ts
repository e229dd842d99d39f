// The error catalogs against the code and the docs: every code is declared once, each declared code is thrown
// somewhere, the compiler refuses an undeclared one (or one of the wrong kind), and the README lists them all.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { APP_ERRORS } from '@kehu/app'
import {
  AppError,
  CORE_ERRORS,
  conflict,
  type ErrorCode,
  type ErrorSpec,
  errorStatus,
  exitCode,
  invalid,
  mergeCatalogs,
  notFound,
  text,
} from '@kehu/core'
import { FILES_ERRORS } from '@kehu/files'
import { API_ERRORS, SERVER_ERRORS } from '@kehu/server'
import { STORAGE_ERRORS } from '@kehu/storage'
import { describe, expect, it } from 'vitest'
import { CLI_ERRORS } from './errors.js'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const PACKAGES = {
  core: CORE_ERRORS,
  app: APP_ERRORS,
  storage: STORAGE_ERRORS,
  files: FILES_ERRORS,
  server: SERVER_ERRORS,
  cli: CLI_ERRORS,
}
const ALL = mergeCatalogs(CORE_ERRORS, APP_ERRORS, STORAGE_ERRORS, FILES_ERRORS, SERVER_ERRORS, CLI_ERRORS)

// The runtime catalogs and the compiler's union are the same set of codes.
type Missing = Exclude<ErrorCode, keyof typeof ALL> | Exclude<keyof typeof ALL, ErrorCode>
const sameCodes: [Missing] extends [never] ? true : false = true

/** The README's error table as the catalogs say it should read (cells trimmed; the formatter pads them). */
function errorTable(): string {
  const lines = ['| code | HTTP | exit | meaning | 含义 |']
  for (const [pkg, catalog] of Object.entries(PACKAGES)) {
    const specs: Record<string, ErrorSpec> = catalog
    for (const [code, spec] of Object.entries(specs)) {
      const http = pkg === 'cli' ? '–' : String(spec.status ?? errorStatus[spec.kind])
      lines.push(`| \`${code}\` | ${http} | ${exitCode[spec.kind]} | ${spec.en} | ${spec.zh} |`)
    }
  }
  return lines.join('\n')
}

describe('error catalogs', () => {
  it('declare each code once, in one slice, with both meanings', () => {
    expect(sameCodes).toBe(true)
    expect(() => mergeCatalogs(CORE_ERRORS, { ACCESS_DENIED: { kind: 'forbidden', zh: '重', en: 'again' } })).toThrow(
      'ACCESS_DENIED is declared twice',
    )
    for (const [code, spec] of Object.entries(ALL as Record<string, ErrorSpec>)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/)
      expect(spec.zh.trim(), code).not.toBe('')
      expect(spec.en.trim(), code).not.toBe('')
    }
    // the API lists every code but the command line's own
    expect(Object.keys(API_ERRORS).sort()).toEqual(
      Object.keys(ALL)
        .filter((c) => !(c in CLI_ERRORS))
        .sort(),
    )
  })

  it('leave no code unused: each is thrown (or named as an issue that becomes the error) outside the catalogs', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'packages/*/src/*'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|\/testing\/|\/errors\.ts$|\/error-codes\.ts$/.test(f))
    const source = files.map((f) => readFileSync(join(root, f), 'utf8')).join('\n')
    const unused = Object.keys(ALL).filter((code) => !source.includes(`'${code}'`))
    expect(unused).toEqual([])
  })

  it('let the compiler refuse a code nobody declared, or one of another kind', () => {
    // Each line below fails typecheck without its directive; `npm run typecheck` proves the directives are needed.
    // @ts-expect-error not a catalogued code
    const typo = () => invalid('CUSTOMER_INVLAID', text('错', 'wrong'))
    // @ts-expect-error CODE_TAKEN is a conflict, not a not-found
    const wrongKind = () => notFound('CODE_TAKEN', text('错', 'wrong'))
    // @ts-expect-error the constructor pairs the kind with a code of that kind
    const wrongPair = () => new AppError('forbidden', 'TENANT_NOT_FOUND', text('错', 'wrong'))
    expect(typo().code).toBe('CUSTOMER_INVLAID')
    expect([wrongKind().kind, wrongPair().kind]).toEqual(['not-found', 'forbidden'])
    expect(conflict('CODE_TAKEN', text('已占用', 'taken')).code).toBe('CODE_TAKEN')
  })

  it('are the README error table, row for row', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const start = readme.search(/^\| code +\| HTTP +\| exit +\|/m)
    expect(start, 'README.md has an error table').toBeGreaterThan(0)
    const rows = (readme.slice(start).split('\n\n')[0] ?? '')
      .split('\n')
      .filter((row) => !/^\|[\s|-]+\|$/.test(row))
      .map(
        (row) =>
          `| ${row
            .slice(1, -1)
            .split('|')
            .map((cell) => cell.trim())
            .join(' | ')} |`,
      )
    expect(rows.join('\n')).toBe(errorTable())
  })
})
