import { type Issue, issue, text } from '../errors.js'
import type { AttributeDef, AttributeOption } from './attribute-def.js'
import { formatScaledDecimal, parseScaledDecimal } from './scaled-decimal.js'

/** Resolves a node of a classification scheme by its code or id; the app supplies it. */
export type ResolveReference = (schemeCode: string, codeOrId: string) => { id: string } | null

export interface CoerceOptions {
  resolveReference?: ResolveReference
  /** The stored value before this write: options it already holds stay allowed when disabled. */
  previous?: unknown
}

/** null, undefined, blank strings and empty lists: no value. */
export const isEmptyValue = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

const zhName = (def: Pick<AttributeDef, 'name'>) => `「${def.name}」`
const enName = (def: Pick<AttributeDef, 'name'>) => `"${def.name}"`

const TYPE_NAMES: Record<AttributeDef['type'], [string, string]> = {
  text: ['文本', 'a text'],
  number: ['数字', 'a number'],
  date: ['日期（YYYY-MM-DD）', 'a date (YYYY-MM-DD)'],
  boolean: ['是/否', 'yes or no'],
  'single-choice': ['选项编码', 'an option code'],
  'multi-choice': ['选项编码列表', 'a list of option codes'],
  reference: ['分类编码', 'a class code'],
}

export const attributeTypeIssue = (
  def: Pick<AttributeDef, 'name' | 'type'>,
  path: (string | number)[],
  shown: unknown,
) => {
  const [zh, en] = TYPE_NAMES[def.type]
  const v = describeRaw(shown)
  return issue(path, 'ATTR_TYPE', text(`${zhName(def)}应为${zh}，收到 ${v}`, `${enName(def)} must be ${en}, got ${v}`))
}

function describeRaw(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? 'a list' : 'an object'
  return String(v)
}

/** A date as `YYYY-MM-DD`, also read from `2023/10/1`, `2023.10.01` and `2023年10月1日`; null if none. */
export function parseDateValue(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const s = raw.normalize('NFKC').trim()
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s)
  if (!m) return null
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1) return null
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  if (d > (days[mo - 1] as number)) return null
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '真', 'on'])
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '假', 'off'])

/** A boolean from true/false, 1/0, yes/no, 是/否; null if none. */
export function parseBooleanValue(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw
  if (raw === 1 || raw === 0) return raw === 1
  if (typeof raw !== 'string') return null
  const s = raw.normalize('NFKC').trim().toLowerCase()
  if (TRUE_WORDS.has(s)) return true
  if (FALSE_WORDS.has(s)) return false
  return null
}

const patternCache = new Map<string, RegExp | null>()

/** The compiled pattern (whole-text match, Unicode mode), or null when it does not compile. */
export function compileAttributePattern(pattern: string): RegExp | null {
  let re = patternCache.get(pattern)
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u')
    } catch {
      re = null
    }
    if (patternCache.size > 500) patternCache.clear()
    patternCache.set(pattern, re)
  }
  return re
}

/** Finds an option by code, then case-insensitive code, then label. */
export function findAttributeOption(options: AttributeOption[], raw: string): AttributeOption | undefined {
  const s = raw.normalize('NFKC').trim()
  return (
    options.find((o) => o.code === s) ??
    options.find((o) => o.code.toLowerCase() === s.toLowerCase()) ??
    options.find((o) => o.label.normalize('NFKC').trim() === s)
  )
}

const MULTI_SEPARATORS = /[,，;；、]/

const charCount = (s: string) => [...s].length

/**
 * Coerces one input value to its stored form and checks it against the definition; every problem
 * is reported. An empty input gives `value: null` and no issue (required-ness is the caller's).
 */
export function coerceAttributeValue(
  def: AttributeDef,
  raw: unknown,
  path: (string | number)[],
  opts: CoerceOptions = {},
): { value: unknown; issues: Issue[] } {
  if (isEmptyValue(raw)) return { value: null, issues: [] }
  const issues: Issue[] = []
  const c = def.constraints ?? {}
  const fail = (i: Issue) => ({ value: null, issues: [...issues, i] })
  switch (def.type) {
    case 'text': {
      if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw)))
        return fail(attributeTypeIssue(def, path, raw))
      const s = String(raw).trim()
      const n = charCount(s)
      if (c.minLength !== undefined && n < c.minLength)
        issues.push(
          issue(
            path,
            'ATTR_TOO_SHORT',
            text(
              `${zhName(def)}至少 ${c.minLength} 个字符，实为 ${n} 个`,
              `${enName(def)} needs at least ${c.minLength} characters, has ${n}`,
            ),
          ),
        )
      if (c.maxLength !== undefined && n > c.maxLength)
        issues.push(
          issue(
            path,
            'ATTR_TOO_LONG',
            text(
              `${zhName(def)}至多 ${c.maxLength} 个字符，实为 ${n} 个`,
              `${enName(def)} takes at most ${c.maxLength} characters, has ${n}`,
            ),
          ),
        )
      if (c.pattern !== undefined) {
        const re = compileAttributePattern(c.pattern)
        if (re && !re.test(s))
          issues.push(
            issue(
              path,
              'ATTR_PATTERN',
              text(`${zhName(def)}的格式不符合 ${c.pattern}`, `${enName(def)} does not match the pattern ${c.pattern}`),
            ),
          )
      }
      return { value: issues.length ? null : s, issues }
    }
    case 'number': {
      const p = def.precision
      const r = parseScaledDecimal(raw, p)
      if (!r.ok) {
        if (r.reason === 'syntax') return fail(attributeTypeIssue(def, path, raw))
        if (r.reason === 'decimals')
          return fail(
            issue(
              path,
              'ATTR_DECIMALS',
              text(
                `${zhName(def)}至多 ${p} 位小数，收到 ${describeRaw(raw)}`,
                `${enName(def)} takes at most ${p} decimals, got ${describeRaw(raw)}`,
              ),
            ),
          )
        return fail(
          issue(path, 'ATTR_TOO_LARGE', text(`${zhName(def)}超出可存储的范围`, `${enName(def)} is too large to store`)),
        )
      }
      const min = c.min === undefined ? undefined : parseScaledDecimal(c.min, p)
      const max = c.max === undefined ? undefined : parseScaledDecimal(c.max, p)
      const shown = formatScaledDecimal(r.value, p)
      if (min?.ok && r.value < min.value)
        issues.push(
          issue(
            path,
            'ATTR_TOO_SMALL',
            text(
              `${zhName(def)}不得小于 ${c.min}，收到 ${shown}`,
              `${enName(def)} must be at least ${c.min}, got ${shown}`,
            ),
          ),
        )
      if (max?.ok && r.value > max.value)
        issues.push(
          issue(
            path,
            'ATTR_TOO_LARGE',
            text(
              `${zhName(def)}不得大于 ${c.max}，收到 ${shown}`,
              `${enName(def)} must be at most ${c.max}, got ${shown}`,
            ),
          ),
        )
      return { value: issues.length ? null : r.value, issues }
    }
    case 'date': {
      const d = parseDateValue(raw)
      if (d === null) return fail(attributeTypeIssue(def, path, raw))
      if (c.min !== undefined && d < c.min)
        issues.push(
          issue(
            path,
            'ATTR_TOO_SMALL',
            text(`${zhName(def)}不得早于 ${c.min}，收到 ${d}`, `${enName(def)} must be on or after ${c.min}, got ${d}`),
          ),
        )
      if (c.max !== undefined && d > c.max)
        issues.push(
          issue(
            path,
            'ATTR_TOO_LARGE',
            text(
              `${zhName(def)}不得晚于 ${c.max}，收到 ${d}`,
              `${enName(def)} must be on or before ${c.max}, got ${d}`,
            ),
          ),
        )
      return { value: issues.length ? null : d, issues }
    }
    case 'boolean': {
      const b = parseBooleanValue(raw)
      return b === null ? fail(attributeTypeIssue(def, path, raw)) : { value: b, issues }
    }
    case 'single-choice': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return fail(attributeTypeIssue(def, path, raw))
      const code = choose(def, String(raw), path, opts.previous, issues)
      return { value: issues.length ? null : code, issues }
    }
    case 'multi-choice': {
      let items: unknown[]
      if (Array.isArray(raw)) items = raw
      else if (typeof raw === 'string') items = raw.split(MULTI_SEPARATORS)
      else return fail(attributeTypeIssue(def, path, raw))
      const codes = new Set<string>()
      for (const item of items) {
        if (typeof item === 'string' && item.trim() === '') continue
        if (typeof item !== 'string' && typeof item !== 'number') return fail(attributeTypeIssue(def, path, raw))
        const code = choose(def, String(item), path, opts.previous, issues)
        if (code !== null) codes.add(code)
      }
      const n = codes.size
      if (c.minLength !== undefined && n < c.minLength)
        issues.push(
          issue(
            path,
            'ATTR_TOO_FEW_OPTIONS',
            text(
              `${zhName(def)}至少选 ${c.minLength} 项，实选 ${n} 项`,
              `${enName(def)} needs at least ${c.minLength} options, has ${n}`,
            ),
          ),
        )
      if (c.maxLength !== undefined && n > c.maxLength)
        issues.push(
          issue(
            path,
            'ATTR_TOO_MANY_OPTIONS',
            text(
              `${zhName(def)}至多选 ${c.maxLength} 项，实选 ${n} 项`,
              `${enName(def)} takes at most ${c.maxLength} options, has ${n}`,
            ),
          ),
        )
      if (issues.length) return { value: null, issues }
      return { value: n === 0 ? null : [...codes].sort(), issues }
    }
    case 'reference': {
      if (typeof raw !== 'string') return fail(attributeTypeIssue(def, path, raw))
      const s = raw.normalize('NFKC').trim()
      const scheme = def.referenceScheme ?? ''
      if (!opts.resolveReference)
        return fail(
          issue(
            path,
            'ATTR_REFERENCE_UNRESOLVED',
            text(`${zhName(def)}的分类 ${s} 无法核对`, `${enName(def)}: the class ${s} cannot be checked here`),
          ),
        )
      const node = opts.resolveReference(scheme, s)
      if (!node)
        return fail(
          issue(
            path,
            'ATTR_REFERENCE_UNKNOWN',
            text(
              `${zhName(def)}：分类体系 ${scheme} 中没有 ${s}`,
              `${enName(def)}: the scheme ${scheme} has no class ${s}`,
            ),
          ),
        )
      return { value: node.id, issues }
    }
  }
}

function choose(
  def: AttributeDef,
  raw: string,
  path: (string | number)[],
  previous: unknown,
  issues: Issue[],
): string | null {
  const option = findAttributeOption(def.options, raw)
  const s = raw.normalize('NFKC').trim()
  if (!option) {
    const known = def.options
      .filter((o) => o.enabled)
      .slice(0, 10)
      .map((o) => o.code)
      .join(', ')
    issues.push(
      issue(
        path,
        'ATTR_OPTION_UNKNOWN',
        text(`${zhName(def)}没有选项 ${s}（可选：${known}）`, `${enName(def)} has no option ${s} (options: ${known})`),
      ),
    )
    return null
  }
  const held = previous === option.code || (Array.isArray(previous) && previous.includes(option.code))
  if (!option.enabled && !held) {
    issues.push(
      issue(
        path,
        'ATTR_OPTION_DISABLED',
        text(
          `${zhName(def)}的选项 ${option.code}（${option.label}）已停用`,
          `${enName(def)}: the option ${option.code} (${option.label}) is disabled`,
        ),
      ),
    )
    return null
  }
  return option.code
}
