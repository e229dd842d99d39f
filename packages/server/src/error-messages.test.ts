// Every error the API can answer speaks to people: no field keys, no validation-library English, both languages.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureLocalAdmin } from '@kehu/app'
import { fieldLabel, hasFieldLabel, inputIssues } from '@kehu/core'
import { createStore, systemClock, uuidIds } from '@kehu/storage'
import { createTestDb, type TestDb } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createApp } from './app.js'
import type { KehuApp } from './context.js'

const packages = fileURLToPath(new URL('../../', import.meta.url))

/** The source files whose errors reach the API: core, app, storage and the server itself (tests excluded). */
function sources(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) return name === 'testing' ? [] : walk(path)
      return /\.ts$/.test(name) && !/\.test\.ts$|test-helpers/.test(name) ? [path] : []
    })
  return ['core', 'app', 'storage', 'server'].flatMap((p) => walk(join(packages, p, 'src')))
}

interface Thrown {
  code: string
  file: string
  zh: string
  en: string
}

/** The first string or template argument of a call that starts at `at` (`text(` + args), as written. */
function args(src: string, at: number): string[] {
  const out: string[] = []
  let i = at
  while (out.length < 2 && i < src.length) {
    const ch = src[i] as string
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1
      let depth = 0
      while (j < src.length) {
        const c = src[j]
        if (c === '\\') j++
        else if (ch === '`' && c === '$' && src[j + 1] === '{') depth++
        else if (depth > 0 && c === '}') depth--
        else if (depth === 0 && c === ch) break
        j++
      }
      out.push(src.slice(i + 1, j))
      i = j + 1
    } else if (ch === ')') break
    else i++
  }
  return out
}

/** Every error code the sources throw or report, with the message written beside it (its `text(zh, en)`). */
function thrownErrors(): Thrown[] {
  const out: Thrown[] = []
  const call =
    /(?:\b(?:invalid|conflict|notFound|issue|fail|bad|add)\(\s*(?:[^,()]*(?:\([^()]*\))?[^,()]*,\s*)?|new AppError\(\s*'[a-z-]+',\s*)'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)',\s*/g
  for (const file of sources()) {
    const src = readFileSync(file, 'utf8')
    for (const m of src.matchAll(call)) {
      const after = (m.index ?? 0) + m[0].length
      const t = src.indexOf('text(', after)
      // The message is the next argument; a code passed on (e.g. a helper's parameter) has none right here.
      if (t < 0 || t - after > 120) continue
      const [zh, en] = args(src, t + 5)
      if (zh !== undefined && en !== undefined) out.push({ code: m[1] as string, file, zh, en })
    }
  }
  return out
}

/** Words a person should never read in an error: keys of our inputs, dotted paths, zod's own English. */
function offences(message: string): string[] {
  const literal = message.replace(/\$\{[^}]*\}/g, '…')
  const found: string[] = []
  for (const m of literal.matchAll(/\b[a-z]+[A-Z][A-Za-z]*\b/g)) found.push(`camelCase key ${m[0]}`)
  for (const m of literal.matchAll(/\b[a-z]+(?:\.[a-z0-9]+)+\b/g))
    if (!/^(?:e\.g|i\.e|www\..*|kehu\.db|package\.json|openapi\.json)$/.test(m[0])) found.push(`dotted path ${m[0]}`)
  if (/Invalid input|expected \w+, received|Too (?:small|big)|Unrecognized key/i.test(literal))
    found.push('validation-library text')
  for (const m of message.matchAll(/\$\{([^}]*)\}/g))
    if (/\bi\.path\b|\bpath\.join|join\('\.'\)|^(?:field|key)$/.test(m[1] as string))
      found.push(`a field key printed: ${m[0]}`)
  return found
}

describe('error messages', () => {
  const thrown = thrownErrors()

  it('finds the errors the sources throw (the walk reads what it should)', () => {
    const codes = new Set(thrown.map((t) => t.code))
    expect(codes.size).toBeGreaterThan(150)
    for (const c of ['CODE_RULE_AMBIGUOUS', 'CLASS_NOT_FOUND', 'ATTR_DEF_INVALID', 'ATTR_FILL_INVALID'])
      expect(codes).toContain(c)
  })

  it('every error code has a message in both languages without field keys or library text', () => {
    const bad = thrown.flatMap((t) => {
      const problems = [
        ...(t.zh.trim() === '' ? ['empty Chinese'] : []),
        ...(t.en.trim() === '' ? ['empty English'] : []),
        ...(/[\u4e00-\u9fff]/.test(t.zh) ? [] : ['Chinese text without Chinese']),
        ...offences(t.zh),
        ...offences(t.en),
      ]
      return problems.length ? [`${t.code} (${t.file.slice(packages.length)}): ${problems.join('; ')}`] : []
    })
    expect(bad).toEqual([])
  })
})

describe('field labels of every request field', () => {
  let db: TestDb
  let app: KehuApp
  beforeAll(async () => {
    db = await createTestDb('sqlite')
    const deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
    app = createApp({ deps, actor: await ensureLocalAdmin(deps), version: 'test', database: 'sqlite' })
  })
  afterAll(() => db?.dispose())

  it('names every key of every request body and parameter in words, in both languages', async () => {
    type Schema = Record<string, unknown> & { $ref?: string }
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: unknown }>>
      components?: { schemas?: Record<string, Schema> }
    }
    const paths: (string | number)[][] = []
    const walk = (raw: unknown, path: (string | number)[], depth: number) => {
      let s = raw as Schema | undefined
      if (!s || depth > 10) return
      if (s.$ref) s = doc.components?.schemas?.[s.$ref.split('/').at(-1) as string]
      if (!s) return
      for (const k of ['anyOf', 'oneOf', 'allOf']) for (const x of (s[k] as unknown[]) ?? []) walk(x, path, depth + 1)
      for (const [k, v] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
        paths.push([...path, k])
        walk(v, [...path, k], depth + 1)
      }
      if (s.items) walk(s.items, [...path, 0], depth + 1)
    }
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops)) {
        const body = op.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined
        walk(body?.content?.['application/json']?.schema, [], 0)
        for (const p of op.parameters ?? []) paths.push([p.name])
      }
    expect(paths.length).toBeGreaterThan(100)
    const unnamed = [...new Set(paths.flatMap((p) => p.filter((k) => typeof k === 'string' && !hasFieldLabel(k))))]
    expect(unnamed).toEqual([])
    for (const p of paths) {
      const label = fieldLabel(p)
      expect(label.zh, p.join('.')).not.toMatch(/[a-z]/)
      expect(offences(label.en), p.join('.')).toEqual([])
    }
  })

  it("turns zod's issues into the user's words: the field's label, no library English", () => {
    const schema = z.strictObject({
      parentCode: z.string(),
      pattern: z.object({ segments: z.array(z.object({ per: z.array(z.string()), width: z.number().max(9) })) }),
      status: z.enum(['active', 'disabled']),
    })
    const r = schema.safeParse({
      pattern: {
        segments: [
          { per: ['a'], width: 1 },
          { per: [1], width: 99 },
        ],
      },
      status: 'gone',
      color: 'red',
    })
    expect(r.success).toBe(false)
    const issues = inputIssues(r.error as z.ZodError)
    for (const i of issues) {
      expect(offences(i.message.en), i.message.en).toEqual([])
      expect(i.message.zh).not.toMatch(/parentCode|segments|\bper\b|width/)
    }
    expect(issues.map((i) => i.message.en)).toEqual(
      expect.arrayContaining([
        'Parent code: is required',
        'Code pattern › Segments › segment 2 › Serial scope › item 1: must be text',
        'Code pattern › Segments › segment 2 › Width: at most 9',
      ]),
    )
  })
})
