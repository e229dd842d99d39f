import { type Issue, issue, text } from '../errors.js'
import { fieldLabel } from './field-label.js'

/** Bounds on input as it arrives at an edge (HTTP body, CLI JSON). */
export interface InputLimits {
  /** Longest string or key, in UTF-16 code units; fields have their own, smaller bounds in their schemas. */
  maxText: number
  /** Deepest nesting of arrays and objects; the deepest legitimate input (a filter) stays well above. */
  maxDepth: number
}

export const INPUT_LIMITS: InputLimits = { maxText: 20_000, maxDepth: 32 }

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** What is wrong with one piece of text, or null: NUL, lone surrogates (neither database can store both alike). */
export function textProblem(s: string): 'nul' | 'surrogate' | null {
  if (s.includes('\u0000')) return 'nul'
  if (LONE_SURROGATE.test(s)) return 'surrogate'
  return null
}

/** The one problem of a piece of text at `path` (NUL, lone surrogate, too long), or null. */
export function textIssue(path: (string | number)[], s: string, limits: InputLimits = INPUT_LIMITS): Issue | null {
  const p = textProblem(s)
  const { zh: where, en: whereEn } = fieldLabel(path)
  if (p === 'nul')
    return issue(
      path,
      'TEXT_NUL',
      text(`${where} 含有空字符（U+0000）`, `${whereEn} contains a NUL character (U+0000)`),
    )
  if (p === 'surrogate')
    return issue(
      path,
      'TEXT_LONE_SURROGATE',
      text(
        `${where} 含有不成对的代理字符，不是有效的文本`,
        `${whereEn} contains a lone surrogate and is not valid text`,
      ),
    )
  if (s.length > limits.maxText)
    return issue(
      path,
      'TEXT_TOO_LONG',
      text(
        `${where} 过长：最多 ${limits.maxText} 个字符`,
        `${whereEn} is too long: at most ${limits.maxText} characters`,
      ),
    )
  return null
}

/**
 * Input as the rest of the system may assume it: every string and key well-formed Unicode without NUL,
 * NFC-normalised and bounded, nesting bounded. Returns the cleaned copy and every problem found.
 */
export function cleanInput(value: unknown, limits: InputLimits = INPUT_LIMITS): { value: unknown; issues: Issue[] } {
  const issues: Issue[] = []
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === 'string') {
      const problem = textIssue(path, v, limits)
      if (problem) issues.push(problem)
      return problem ? v : v.normalize('NFC')
    }
    if (v === null || typeof v !== 'object') return v
    if (path.length >= limits.maxDepth) {
      const { zh: where, en: whereEn } = fieldLabel(path)
      issues.push(
        issue(
          path,
          'INPUT_TOO_DEEP',
          text(
            `${where} 嵌套过深：最多 ${limits.maxDepth} 层`,
            `${whereEn} is nested too deeply: at most ${limits.maxDepth} levels`,
          ),
        ),
      )
      return v
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]))
    // fromEntries defines properties, so a key named __proto__ stays data and never becomes a prototype.
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        const problem = textIssue([...path, k], k, limits)
        if (problem) issues.push(problem)
        return [problem ? k : k.normalize('NFC'), walk(x, [...path, k])]
      }),
    )
  }
  const out = walk(value, [])
  return { value: out, issues }
}
