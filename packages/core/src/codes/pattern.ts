import { z } from 'zod'
import { type Issue, invalid, issue, said, text } from '../errors.js'

export type DateFormat = 'yyyy' | 'yy' | 'mm' | 'dd' | 'yyyymm' | 'yyyymmdd' | 'yyww'
export type FieldSource = 'type' | 'region' | 'industry' | 'class' | 'attr'
export interface FieldRef {
  source: FieldSource
  level?: number
  attr?: string
}
export type Modifier = { kind: 'left' | 'right'; n: number } | { kind: 'map'; name: string }
export type ScopeItem = { kind: 'field'; ref: FieldRef } | { kind: 'date'; granularity: DateFormat }
export type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'date'; format: DateFormat }
  | { kind: 'field'; ref: FieldRef; modifiers: Modifier[] }
  | {
      kind: 'serial'
      width: number
      start: number
      step: number
      overflow: 'refuse' | 'widen'
      /** null = the default scope: every date and field segment */
      per: ScopeItem[] | null
    }
  | { kind: 'check' }
export interface CodePattern {
  segments: Segment[]
}
export type SerialSegment = Extract<Segment, { kind: 'serial' }>
export type FieldSegment = Extract<Segment, { kind: 'field' }>

export const CODE_DATE_FORMATS: readonly DateFormat[] = ['yyyy', 'yy', 'mm', 'dd', 'yyyymm', 'yyyymmdd', 'yyww']
export const CODE_FIELD_SOURCES: readonly FieldSource[] = ['type', 'region', 'industry', 'class', 'attr']

// Characters that would break the text form inside a token (names of maps and attributes).
const NAME_RE = /^[^|{}:+\s]+$/
const MAP_NAME_RE = /^[^|{}]+$/

const FieldRefSchema = z
  .object({
    source: z.enum(['type', 'region', 'industry', 'class', 'attr']),
    level: z.number().int().min(1).optional(),
    attr: z.string().max(100).regex(NAME_RE).optional(),
  })
  .refine(
    (r) => (r.source === 'attr') === (r.attr !== undefined),
    said('取值来源为维度属性时须指明属性，其他来源不能指明', 'Name an attribute exactly when the value comes from one'),
  )
  .refine((r) => r.source !== 'attr' || r.level === undefined, said('维度属性没有级次', 'An attribute has no levels'))

const ModifierSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['left', 'right']), n: z.number().int().min(1) }),
  z.object({ kind: z.literal('map'), name: z.string().max(100).regex(MAP_NAME_RE) }),
])

const ScopeItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), ref: FieldRefSchema }),
  z.object({ kind: z.literal('date'), granularity: z.enum(CODE_DATE_FORMATS as [DateFormat, ...DateFormat[]]) }),
])

const SegmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('literal'), text: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('date'), format: z.enum(CODE_DATE_FORMATS as [DateFormat, ...DateFormat[]]) }),
  z.object({ kind: z.literal('field'), ref: FieldRefSchema, modifiers: z.array(ModifierSchema) }),
  z.object({
    kind: z.literal('serial'),
    width: z.number().int().min(0),
    start: z.number().int().min(0),
    step: z.number().int().min(0),
    overflow: z.enum(['refuse', 'widen']),
    per: z.array(ScopeItemSchema).nullable(),
  }),
  z.object({ kind: z.literal('check') }),
])

/** The structured JSON form; canonical, so adjacent literals are one segment. */
export const CodePatternSchema = z
  .object({ segments: z.array(SegmentSchema).min(1) })
  .refine(
    (p) => p.segments.every((s, i) => s.kind !== 'literal' || p.segments[i - 1]?.kind !== 'literal'),
    said('相邻的固定文字应合成一段', 'Adjacent fixed texts must be one segment'),
  )

// Compile-time proof that the schema produces the public type.
const _schemaMatches = (x: z.infer<typeof CodePatternSchema>): CodePattern => x
void _schemaMatches

/** 'type', 'region:1', 'attr:LEVEL' — also the key of a field in RecordValues (for the base ref). */
export function fieldKey(ref: FieldRef): string {
  if (ref.source === 'attr') return `attr:${ref.attr ?? ''}`
  return ref.level === undefined ? ref.source : `${ref.source}:${ref.level}`
}

/** The ref without an ancestor level: the key under which the app supplies the value. */
export const baseFieldRef = (ref: FieldRef): FieldRef =>
  ref.source === 'attr' ? { source: 'attr', attr: ref.attr ?? '' } : { source: ref.source }

export const scopeItemKey = (item: ScopeItem): string =>
  item.kind === 'date' ? `date:${item.granularity}` : fieldKey(item.ref)

export const serialSegments = (p: CodePattern): SerialSegment[] =>
  p.segments.filter((s): s is SerialSegment => s.kind === 'serial')

/** The scope items in force: the explicit `per:` list, or every date and field segment (deduplicated). */
export function serialScope(p: CodePattern): ScopeItem[] {
  const serial = serialSegments(p)[0]
  if (serial?.per) return dedupe(serial.per)
  const items: ScopeItem[] = []
  for (const s of p.segments) {
    if (s.kind === 'date') items.push({ kind: 'date', granularity: s.format })
    else if (s.kind === 'field') items.push({ kind: 'field', ref: { ...s.ref } })
  }
  return dedupe(items)
}

function dedupe(items: ScopeItem[]): ScopeItem[] {
  const seen = new Set<string>()
  return items.filter((i) => {
    const k = scopeItemKey(i)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

// ---------- text form ----------

const escapeLiteral = (t: string) => t.replace(/\{/g, '{{').replace(/\}/g, '}}')

const printModifier = (m: Modifier) => (m.kind === 'map' ? `map:${m.name}` : `${m.kind}:${m.n}`)

/** One segment in the text form, e.g. `{region|map:地区简称}`. */
export function printCodeSegment(s: Segment): string {
  switch (s.kind) {
    case 'literal':
      return escapeLiteral(s.text)
    case 'date':
      return `{date:${s.format}}`
    case 'check':
      return '{check}'
    case 'field':
      return `{${[fieldKey(s.ref), ...s.modifiers.map(printModifier)].join('|')}}`
    case 'serial': {
      const opts = [`serial:${s.width}`]
      // Defaults are left out so that the canonical text stays short.
      if (s.start !== 1) opts.push(`start:${s.start}`)
      if (s.step !== 1) opts.push(`step:${s.step}`)
      if (s.per) opts.push(`per:${s.per.length === 0 ? 'none' : s.per.map(scopeItemKey).join('+')}`)
      if (s.overflow !== 'refuse') opts.push(`overflow:${s.overflow}`)
      return `{${opts.join('|')}}`
    }
  }
}

/** The canonical text form; `parsePattern(printPattern(p))` deep-equals a canonical `p`. */
export function printPattern(p: CodePattern): string {
  return p.segments.map(printCodeSegment).join('')
}

const syntax = (pos: number, zh: string, en: string): Issue =>
  issue(['pattern'], 'CODE_RULE_SYNTAX', text(`第 ${pos + 1} 个字符处：${zh}`, `At character ${pos + 1}: ${en}`))

const isUint = (s: string | undefined): s is string => s !== undefined && /^\d{1,16}$/.test(s)

/** Parses the text form; throws `invalid` 'CODE_RULE_SYNTAX' listing every problem at once. */
export function parsePattern(input: string): CodePattern {
  const issues: Issue[] = []
  const segments: Segment[] = []
  let literal = ''
  const flush = () => {
    if (literal) segments.push({ kind: 'literal', text: literal })
    literal = ''
  }
  const chars = Array.from(input)
  let i = 0
  while (i < chars.length) {
    const c = chars[i] as string
    if (c === '{' && chars[i + 1] === '{') {
      literal += '{'
      i += 2
    } else if (c === '}' && chars[i + 1] === '}') {
      literal += '}'
      i += 2
    } else if (c === '}') {
      issues.push(syntax(i, '单独的 “}”，字面量请写 “}}”', 'a lone "}"; write "}}" for a literal brace'))
      i++
    } else if (c === '{') {
      let j = i + 1
      while (j < chars.length && chars[j] !== '}' && chars[j] !== '{') j++
      if (chars[j] !== '}') {
        issues.push(syntax(i, '“{” 没有对应的 “}”', 'a "{" without its "}"'))
        i = j
        continue
      }
      const body = chars.slice(i + 1, j).join('')
      const seg = parseToken(body, i, issues)
      if (seg) {
        flush()
        segments.push(seg)
      }
      i = j + 1
    } else {
      literal += c
      i++
    }
  }
  flush()
  if (segments.length === 0 && issues.length === 0) issues.push(syntax(0, '编码规则为空', 'the code rule is empty'))
  if (issues.length > 0)
    throw invalid('CODE_RULE_SYNTAX', text('编码规则的写法有误', 'The code rule has syntax errors'), issues)
  return { segments }
}

function parseToken(body: string, pos: number, issues: Issue[]): Segment | null {
  const [head = '', ...opts] = body.split('|')
  const parts = head.split(':')
  const name = parts[0] ?? ''
  const bad = (zh: string, en: string) => {
    issues.push(syntax(pos, `{${body}}：${zh}`, `{${body}}: ${en}`))
    return null
  }
  if (name === 'serial') return parseSerial(body, parts, opts, pos, issues)
  if (name === 'check') {
    if (parts.length > 1 || opts.length > 0) return bad('{check} 不带参数', '{check} takes no options')
    return { kind: 'check' }
  }
  if (name === 'date') {
    const f = parts[1]
    if (parts.length !== 2 || !CODE_DATE_FORMATS.includes(f as DateFormat))
      return bad(
        `日期格式须为 ${CODE_DATE_FORMATS.join(' ')} 之一`,
        `the date format must be one of ${CODE_DATE_FORMATS.join(' ')}`,
      )
    if (opts.length > 0) return bad('日期段不能带修饰', 'a date segment takes no modifiers')
    return { kind: 'date', format: f as DateFormat }
  }
  const ref = parseRef(parts)
  if (!ref)
    return bad(
      '未知的段；可用 serial date type region industry class attr:代码 check',
      'unknown token; use serial, date, type, region, industry, class, attr:CODE or check',
    )
  const modifiers: Modifier[] = []
  let ok = true
  for (const o of opts) {
    const m = /^(left|right):(\d+)$/.exec(o)
    if (m && Number(m[2]) >= 1) modifiers.push({ kind: m[1] as 'left' | 'right', n: Number(m[2]) })
    else if (o.startsWith('map:') && o.length > 4) modifiers.push({ kind: 'map', name: o.slice(4) })
    else {
      ok = false
      bad(
        `未知的修饰 “${o}”；可用 left:N right:N map:对照表`,
        `unknown modifier "${o}"; use left:N, right:N or map:TABLE`,
      )
    }
  }
  return ok ? { kind: 'field', ref, modifiers } : null
}

/** `type`, `class:2`, `attr:LEVEL` (already split at ':'). */
function parseRef(parts: string[]): FieldRef | null {
  const [name, arg, ...rest] = parts
  if (rest.length > 0) return null
  if (name === 'attr') return arg !== undefined && NAME_RE.test(arg) ? { source: 'attr', attr: arg } : null
  if (!CODE_FIELD_SOURCES.includes(name as FieldSource)) return null
  if (arg === undefined) return { source: name as FieldSource }
  return isUint(arg) && Number(arg) >= 1 ? { source: name as FieldSource, level: Number(arg) } : null
}

function parseSerial(body: string, parts: string[], opts: string[], pos: number, issues: Issue[]): Segment | null {
  const before = issues.length
  const bad = (zh: string, en: string) => issues.push(syntax(pos, `{${body}}：${zh}`, `{${body}}: ${en}`))
  if (parts.length !== 2 || !isUint(parts[1]))
    bad('流水号须写宽度，如 {serial:5}', 'a serial needs its width, e.g. {serial:5}')
  const seg: SerialSegment = {
    kind: 'serial',
    width: Number(parts[1]),
    start: 1,
    step: 1,
    overflow: 'refuse',
    per: null,
  }
  const seen = new Set<string>()
  for (const o of opts) {
    const k = o.slice(0, o.indexOf(':') < 0 ? o.length : o.indexOf(':'))
    const v = o.slice(k.length + 1)
    if (seen.has(k)) bad(`选项 ${k} 重复`, `option ${k} is given twice`)
    seen.add(k)
    if ((k === 'start' || k === 'step') && isUint(v)) seg[k] = Number(v)
    else if (k === 'overflow' && (v === 'refuse' || v === 'widen')) seg.overflow = v
    else if (k === 'per') {
      const per = parsePer(v)
      if (per) seg.per = per
      else
        bad(
          `流水依据 “${v}” 无法识别；写 none，或用 + 连接 type region industry class[:级] attr:代码 date:格式`,
          `cannot read the scope "${v}"; write none, or join type, region, industry, class[:level], attr:CODE, date:FORMAT with +`,
        )
    } else
      bad(
        `未知的选项 “${o}”；可用 start:N step:N per:… overflow:refuse|widen`,
        `unknown option "${o}"; use start:N, step:N, per:…, overflow:refuse|widen`,
      )
  }
  return issues.length > before ? null : seg
}

function parsePer(v: string): ScopeItem[] | null {
  if (v === 'none') return []
  const items: ScopeItem[] = []
  const keys = new Set<string>()
  for (const part of v.split('+')) {
    const ps = part.split(':')
    let item: ScopeItem | null = null
    if (ps[0] === 'date') {
      if (ps.length === 2 && CODE_DATE_FORMATS.includes(ps[1] as DateFormat))
        item = { kind: 'date', granularity: ps[1] as DateFormat }
    } else {
      const ref = parseRef(ps)
      if (ref) item = { kind: 'field', ref }
    }
    if (!item || keys.has(scopeItemKey(item))) return null
    keys.add(scopeItemKey(item))
    items.push(item)
  }
  return items
}
