import { checkCharacter } from './check-character.js'
import { DATE_PARTS, type FieldLanguage, fieldLanguage } from './code-automaton.js'
import { normalizeCode, normalizePiece } from './normalize-code.js'
import type { CodePattern, DateFormat, FieldRef, Segment } from './pattern.js'
import { type FieldValue, type MapTable, parseCodeDate } from './render-code.js'

// With the 'u' flag only syntax characters may be escaped, and '-' only inside a class.
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

const classRe = (chars: string) => `[${chars.replace(/[\\\][^-]/g, '\\$&')}]`

function fieldRe(lang: FieldLanguage): string {
  if (lang.kind === 'unknown') return `([\\p{L}\\p{N}]${lang.max === null ? '+' : `{1,${lang.max}}`})`
  if (lang.strings.length === 0) return '([^\\s\\S])'
  // Longest first, so that a short value that prefixes a longer one is tried last.
  const alts = [...lang.strings].sort((a, b) => b.length - a.length).map(escapeRe)
  return `(${alts.join('|')})`
}

function segmentRe(s: Segment, maps: MapTable[], values: ((ref: FieldRef) => FieldValue[] | undefined) | undefined) {
  switch (s.kind) {
    case 'literal':
      return escapeRe(normalizePiece(s.text))
    case 'date':
      return `(${DATE_PARTS[s.format].map((part) => `(?:${part.map((alt) => alt.map(classRe).join('')).join('|')})`).join('')})`
    case 'check':
      return '([0-9A-Z])'
    case 'serial':
      return s.overflow === 'widen' ? `(\\d{${s.width}}|[1-9]\\d{${s.width},})` : `(\\d{${s.width}})`
    case 'field':
      return fieldRe(fieldLanguage(s, values ? { values, maps } : { maps }))
  }
}

export type CodeParser = (code: string) => { serial: number; prefixValues: string[] } | null

/**
 * Whether a code has the rule's shape (check character verified): its serial and the printed
 * date and field values in order, or null. Field values are unknown letters/digits unless
 * `values` supplies the tenant's value sets (then exact).
 */
export function parseCode(
  p: CodePattern,
  code: string,
  maps: MapTable[],
  values?: (ref: FieldRef) => FieldValue[] | undefined,
): { serial: number; prefixValues: string[] } | null {
  return codeParser(p, maps, values)(code)
}

/**
 * `parseCode` for many codes of one rule: the pattern's expression, which lists every printed value of
 * the tenant, is built once instead of once per code (an audit of 100,000 codes spent its time there).
 */
export function codeParser(
  p: CodePattern,
  maps: MapTable[],
  values?: (ref: FieldRef) => FieldValue[] | undefined,
): CodeParser {
  const re = new RegExp(`^${p.segments.map((s) => segmentRe(s, maps, values)).join('')}$`, 'u')
  const checked = p.segments[p.segments.length - 1]?.kind === 'check'
  return (code) => {
    const c = normalizeCode(code)
    const m = re.exec(c)
    if (!m) return null
    let serial: number | null = null
    const prefixValues: string[] = []
    let g = 1
    for (const s of p.segments) {
      if (s.kind === 'literal') continue
      const v = m[g++] as string
      if (s.kind === 'serial') serial = Number(v)
      else if (s.kind === 'date' || s.kind === 'field') {
        if (s.kind === 'date' && !isPrintedDate(s.format, v)) return null
        prefixValues.push(v)
      }
    }
    if (serial === null || !Number.isSafeInteger(serial)) return null
    if (checked) {
      const chars = Array.from(c)
      const last = chars.pop()
      if (checkCharacter(chars.join('')) !== last) return null
    }
    return { serial, prefixValues }
  }
}

const between = (s: string, lo: number, hi: number) => Number(s) >= lo && Number(s) <= hi

/** Whether a printed date could come from a real date (the regex only knows digits per position). */
function isPrintedDate(f: DateFormat, s: string): boolean {
  switch (f) {
    case 'mm':
      return between(s, 1, 12)
    case 'dd':
      return between(s, 1, 31)
    case 'yyyymm':
      return between(s.slice(4), 1, 12)
    case 'yyyymmdd':
      return parseCodeDate(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`) !== null
    case 'yyww':
      return between(s.slice(2), 1, 53)
    default:
      return true
  }
}
