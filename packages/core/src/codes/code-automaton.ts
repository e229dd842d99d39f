/**
 * Each rule as a small nondeterministic automaton over the characters of its codes, so that
 * the checks can search for a string two rules both print, or one rule prints in two ways.
 * Internal to the codes module.
 */
import { normalizeCode, normalizePiece } from './normalize-code.js'
import {
  baseFieldRef,
  type CodePattern,
  type DateFormat,
  type FieldRef,
  type FieldSegment,
  type Segment,
} from './pattern.js'
import type { MapTable } from './render-code.js'
import { type FieldValue, printCodeField } from './render-code.js'

export const DIGITS = '0123456789'
export const ALNUM = `${DIGITS}ABCDEFGHIJKLMNOPQRSTUVWXYZ`

export interface ValueContext {
  /** the real values of a field; undefined = unknown (letters and digits of any length) */
  values?: (ref: FieldRef) => FieldValue[] | undefined
  maps?: MapTable[]
}

/** The strings a field segment can print: a finite set, or unknown letters/digits of length 1..max. */
export type FieldLanguage = { kind: 'strings'; strings: string[] } | { kind: 'unknown'; max: number | null }

export function fieldLanguage(seg: FieldSegment, ctx: ValueContext): FieldLanguage {
  const known = ctx.values?.(baseFieldRef(seg.ref))
  if (known) {
    const out = new Set<string>()
    for (const v of known) {
      const r = printCodeField(seg, v, ctx.maps)
      if (r.ok) out.add(r.value)
    }
    return { kind: 'strings', strings: [...out].sort() }
  }
  let lang: FieldLanguage = { kind: 'unknown', max: null }
  for (const m of seg.modifiers) {
    if (m.kind === 'map') {
      const table = ctx.maps?.find((t) => t.name === m.name)
      // Without the table (structure-only check) its short codes are unknown strings.
      lang = table
        ? { kind: 'strings', strings: [...new Set(table.entries.map((e) => normalizeCode(e.short)))] }
        : { kind: 'unknown', max: null }
    } else if (lang.kind === 'unknown') lang = { kind: 'unknown', max: Math.min(lang.max ?? m.n, m.n) }
    else {
      const n = m.n
      const cut = (s: string) => (m.kind === 'left' ? Array.from(s).slice(0, n) : Array.from(s).slice(-n)).join('')
      lang = { kind: 'strings', strings: [...new Set(lang.strings.map(cut))] }
    }
  }
  if (lang.kind === 'strings') lang = { kind: 'strings', strings: lang.strings.filter((s) => s.trim() !== '').sort() }
  return lang
}

// Printed dates as parts, each a choice of character-class chains: months 01-12, days 01-31,
// ISO weeks 01-53; years stay any four digits so that no real date falls outside.
const YY = [[DIGITS, DIGITS]]
const MM = [
  ['0', '123456789'],
  ['1', '012'],
]
const DD = [
  ['0', '123456789'],
  ['12', DIGITS],
  ['3', '01'],
]
const WW = [
  ['0', '123456789'],
  ['1234', DIGITS],
  ['5', '0123'],
]
// 20xx and 19xx come first only so that sample codes show plausible years; the last choice covers all.
const CENTURY = [
  ['2', '0'],
  ['1', '9'],
  [DIGITS, DIGITS],
]
export const DATE_PARTS: Record<DateFormat, string[][][]> = {
  yyyy: [CENTURY, YY],
  yy: [YY],
  mm: [MM],
  dd: [DD],
  yyyymm: [CENTURY, YY, MM],
  yyyymmdd: [CENTURY, YY, MM, DD],
  yyww: [YY, WW],
}

interface Edge {
  chars: string[]
  set: Set<string>
  to: number
  /** index of the segment this character belongs to */
  seg: number
}

export interface Nfa {
  start: number
  finals: boolean[]
  edges: Edge[][]
}

// Letters first, so that sample codes read like codes (`AAB001` rather than `000001`).
const rank = (c: string) => (c >= 'A' && c <= 'Z' ? 0 : c >= '0' && c <= '9' ? 1 : 2)
const byWitnessOrder = (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)

class Builder {
  edges: Edge[][] = []
  eps: number[][] = []
  state(): number {
    this.edges.push([])
    this.eps.push([])
    return this.edges.length - 1
  }
  /** `ordered`: keep the given order (the witness prefers the first character). */
  edge(from: number, chars: string, to: number, seg: number, ordered = false) {
    const cs = [...new Set(Array.from(chars))]
    if (!ordered) cs.sort(byWitnessOrder)
    this.edges[from]?.push({ chars: cs, set: new Set(cs), to, seg })
  }
  chain(from: number, classes: string[], seg: number): number {
    let cur = from
    for (const c of classes) {
      const next = this.state()
      this.edge(cur, c, next, seg)
      cur = next
    }
    return cur
  }
}

/** The automaton of a rule's segments (all characters normalised); `segments` may omit a trailing check. */
export function buildNfa(segments: Segment[], ctx: ValueContext): Nfa {
  const b = new Builder()
  const start = b.state()
  let cur = start
  segments.forEach((s, i) => {
    const exit = b.state()
    switch (s.kind) {
      case 'literal':
        b.eps[b.chain(cur, Array.from(normalizePiece(s.text)), i)]?.push(exit)
        break
      case 'date': {
        let from = cur
        for (const part of DATE_PARTS[s.format]) {
          const to = b.state()
          for (const alt of part) b.eps[b.chain(from, alt, i)]?.push(to)
          from = to
        }
        b.eps[from]?.push(exit)
        break
      }
      case 'check':
        b.eps[b.chain(cur, [ALNUM], i)]?.push(exit)
        break
      case 'serial': {
        // Each digit prefers the one of the first serial, so examples show a serial the rule really issues.
        const first = String(s.start).padStart(s.width, '0')
        let x = cur
        for (let k = 0; k < s.width; k++) {
          const next = b.state()
          const d = first.length === s.width ? (first[k] as string) : '0'
          b.edge(x, d + DIGITS.replace(d, ''), next, i, true)
          x = next
        }
        b.eps[x]?.push(exit)
        if (s.overflow === 'widen') {
          // Past 10^width the number prints without padding: a non-zero digit and at least width more.
          const x = b.chain(cur, ['123456789', ...Array(s.width).fill(DIGITS)], i)
          b.edge(x, DIGITS, x, i)
          b.eps[x]?.push(exit)
        }
        break
      }
      case 'field': {
        const lang = fieldLanguage(s, ctx)
        if (lang.kind === 'strings') {
          const children = new Map<string, number>()
          for (const str of lang.strings) {
            let node = cur
            for (const ch of Array.from(str)) {
              const k = `${node}\u0000${ch}`
              let next = children.get(k)
              if (next === undefined) {
                next = b.state()
                children.set(k, next)
                b.edge(node, ch, next, i)
              }
              node = next
            }
            b.eps[node]?.push(exit)
          }
        } else {
          const first = b.state()
          b.edge(cur, ALNUM, first, i)
          b.eps[first]?.push(exit)
          if (lang.max === null) b.edge(first, ALNUM, first, i)
          else {
            let node = first
            for (let k = 1; k < lang.max; k++) {
              const next = b.state()
              b.edge(node, ALNUM, next, i)
              b.eps[next]?.push(exit)
              node = next
            }
          }
        }
        break
      }
    }
    cur = exit
  })
  return eliminateEpsilons(b, start, cur)
}

function eliminateEpsilons(b: Builder, start: number, final: number): Nfa {
  const n = b.edges.length
  const finals: boolean[] = []
  const edges: Edge[][] = []
  for (let s = 0; s < n; s++) {
    const seen = new Set<number>([s])
    const stack = [s]
    while (stack.length > 0) {
      const x = stack.pop() as number
      for (const y of b.eps[x] ?? [])
        if (!seen.has(y)) {
          seen.add(y)
          stack.push(y)
        }
    }
    finals.push(seen.has(final))
    edges.push([...seen].flatMap((x) => b.edges[x] ?? []))
  }
  return { start, finals, edges }
}

/** Smallest character in both sets, or undefined. */
function common(a: Edge, b: Edge): string | undefined {
  const [small, big] = a.chars.length <= b.chars.length ? [a, b] : [b, a]
  return small.chars.find((c) => big.set.has(c))
}

export const SEARCH_LIMIT = 400_000

/** A string both automata accept (shortest), null if none, 'too-complex' past the search limit. */
export function intersect(a: Nfa, b: Nfa): string | null | 'too-complex' {
  const parent = new Map<string, { prev: string; ch: string } | null>()
  const k0 = `${a.start},${b.start}`
  parent.set(k0, null)
  let frontier: [number, number, string][] = [[a.start, b.start, k0]]
  while (frontier.length > 0) {
    const next: [number, number, string][] = []
    for (const [p, q, key] of frontier) {
      if (a.finals[p] && b.finals[q])
        return unwind(parent, key)
          .map((x) => x.ch)
          .join('')
      for (const ea of a.edges[p] ?? [])
        for (const eb of b.edges[q] ?? []) {
          const ch = common(ea, eb)
          if (ch === undefined) continue
          const k = `${ea.to},${eb.to}`
          if (parent.has(k)) continue
          parent.set(k, { prev: key, ch })
          if (parent.size > SEARCH_LIMIT) return 'too-complex'
          next.push([ea.to, eb.to, k])
        }
    }
    frontier = next
  }
  return null
}

function unwind<T extends { prev: string }>(parent: Map<string, T | null>, key: string): T[] {
  const out: T[] = []
  let cur = parent.get(key)
  while (cur) {
    out.push(cur)
    cur = parent.get(cur.prev)
  }
  return out.reverse()
}

export interface TwoReadings {
  text: string
  /** per character, the segment index in reading A and in reading B */
  a: number[]
  b: number[]
}

/**
 * A string the automaton reads in two ways whose segment boundaries differ so that `conflict`
 * holds for the set of tracked segments whose positions differ (bit i = tracked[i]).
 */
export function findTwoReadings(
  nfa: Nfa,
  tracked: number[],
  conflict: (diverged: (seg: number) => boolean) => boolean,
): TwoReadings | null | 'too-complex' {
  const bit = new Map<number, number>()
  for (const s of tracked) if (!bit.has(s)) bit.set(s, 2 ** bit.size)
  const memo = new Map<number, boolean>()
  const accepts = (mask: number) => {
    let r = memo.get(mask)
    if (r === undefined) {
      r = conflict((seg) => Math.floor(mask / (bit.get(seg) ?? Number.POSITIVE_INFINITY)) % 2 === 1)
      memo.set(mask, r)
    }
    return r
  }
  const or = (m: number, b: number) => (Math.floor(m / b) % 2 === 1 ? m : m + b)
  type P = { prev: string; ch: string; sa: number; sb: number }
  const parent = new Map<string, P | null>()
  const k0 = `${nfa.start},${nfa.start},0`
  parent.set(k0, null)
  let frontier: [number, number, number, string][] = [[nfa.start, nfa.start, 0, k0]]
  while (frontier.length > 0) {
    const next: [number, number, number, string][] = []
    for (const [p, q, mask, key] of frontier) {
      if (nfa.finals[p] && nfa.finals[q] && accepts(mask)) {
        const steps = unwind(parent, key)
        return { text: steps.map((s) => s.ch).join(''), a: steps.map((s) => s.sa), b: steps.map((s) => s.sb) }
      }
      for (const ea of nfa.edges[p] ?? [])
        for (const eb of nfa.edges[q] ?? []) {
          const ch = common(ea, eb)
          if (ch === undefined) continue
          let m = mask
          if (ea.seg !== eb.seg) {
            const ba = bit.get(ea.seg)
            const bb = bit.get(eb.seg)
            if (ba !== undefined) m = or(m, ba)
            if (bb !== undefined) m = or(m, bb)
          }
          const k = `${ea.to},${eb.to},${m}`
          if (parent.has(k)) continue
          parent.set(k, { prev: key, ch, sa: ea.seg, sb: eb.seg })
          if (parent.size > SEARCH_LIMIT) return 'too-complex'
          next.push([ea.to, eb.to, m, k])
        }
    }
    frontier = next
  }
  return null
}

/** A rule without its trailing check, when it has one. */
export const withoutCheck = (p: CodePattern): Segment[] =>
  p.segments[p.segments.length - 1]?.kind === 'check' ? p.segments.slice(0, -1) : p.segments
