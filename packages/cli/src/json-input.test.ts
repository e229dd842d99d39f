import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isAppError } from '@kehu/core'
import { afterAll, describe, expect, it } from 'vitest'
import type { Io } from './io.js'
import { parseJsonInput } from './json-input.js'
import { runCli } from './program.js'

const refusal = (raw: string) => {
  try {
    parseJsonInput(raw, '--sample')
  } catch (e) {
    if (isAppError(e)) return { code: e.code, issues: e.issues.map((i) => i.code) }
  }
  return null
}

describe('JSON input of the CLI', () => {
  const root = mkdtempSync(join(tmpdir(), 'kehu-cli-json-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('is checked as the HTTP edge checks bodies', () => {
    expect(parseJsonInput('\ufeff{"name":"Cafe\\u0301"}', 'f.json')).toEqual({ name: 'Café' })
    expect(refusal('{nope')).toEqual({ code: 'CLI_JSON_INVALID', issues: ['CLI_JSON_INVALID'] })
    expect(refusal('{"name":"a\\u0000"}')).toEqual({ code: 'CLI_TEXT_INVALID', issues: ['TEXT_NUL'] })
    expect(refusal('{"region":"\\ud800"}')).toEqual({ code: 'CLI_TEXT_INVALID', issues: ['TEXT_LONE_SURROGATE'] })
  })

  it('refuses a customer file with a NUL character (exit 2) and stores nothing', async () => {
    const stderr: string[] = []
    const stdout: string[] = []
    const io: Io = { out: (s) => stdout.push(s), err: (s) => stderr.push(s), lang: 'zh-CN' }
    const data = join(root, 'data')
    const file = join(root, 'c.json')
    writeFileSync(file, '{"name":"北京空字符有限公司","department":"a\\u0000b"}')
    expect(await runCli(['--data', data, 'tenant', 'create', 'acme', '顶点公司', '--default'], io)).toBe(0)
    expect(await runCli(['--data', data, 'customer', 'create', '--json-file', file], io)).toBe(2)
    expect(stderr.join('\n')).toContain('分管部门')
    expect(await runCli(['--data', data, 'customer', 'list', '--json'], io)).toBe(0)
    expect(JSON.parse(stdout.at(-1) as string).total).toBe(0)
  })
})
