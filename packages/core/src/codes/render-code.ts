import { type CodedIssue, conflict, type ErrorCodeOf, invalid, issue, type Text, text } from '../errors.js'
import { checkCharacter } from './check-character.js'
import { normalizeCode, normalizePiece } from './normalize-code.js'
import {
  baseFieldRef,
  type CodePattern,
  type DateFormat,
  type FieldRef,
  type FieldSegment,
  fieldKey,
  type Modifier,
  type ScopeItem,
  type SerialSegment,
  scopeItemKey,
  serialScope,
  serialSegments,
} from './pattern.js'

/** One value of one customer; `path` = node codes from level 1 down to the node itself (hierarchical schemes). */
export interface FieldValue {
  code: string
  name?: string
  path?: string[]
}
export interface RecordValues {
  /** YYYY-MM-DD in the tenant's time zone */
  date: string
  /** by fieldKey of the base ref: 'type', 'region', 'class', 'industry', 'attr:CODE' */
  fields: Partial<Record<string, FieldValue>>
}
export interface MapTable {
  name: string
  entries: { value: string; short: string }[]
}

const SOURCE_NAMES: Record<string, Text> = {
  type: text('客户类型', 'customer type'),
  region: text('地区', 'region'),
  industry: text('行业', 'industry'),
  class: text('客户分类', 'customer class'),
}

/** A field's name in both languages, e.g. 地区第 1 级 / region level 1. */
export function codeFieldLabel(ref: FieldRef): Text {
  const base =
    ref.source === 'attr' ? text(`属性 ${ref.attr}`, `attribute ${ref.attr}`) : (SOURCE_NAMES[ref.source] as Text)
  return ref.level === undefined ? base : text(`${base.zh}第 ${ref.level} 级`, `${base.en} level ${ref.level}`)
}

// ---------- dates ----------

/** Year, month, day of a valid YYYY-MM-DD, else null. */
export function parseCodeDate(s: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(Date.UTC(y, mo - 1, d))
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear keeps them literal.
  t.setUTCFullYear(y)
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? [y, mo, d] : null
}

/** ISO 8601 week-year and week of a date. */
export function isoWeek(y: number, m: number, d: number): { year: number; week: number } {
  const t = new Date(Date.UTC(2000, m - 1, d))
  t.setUTCFullYear(y)
  const weekday = t.getUTCDay() || 7
  // The week belongs to the year of its Thursday.
  t.setUTCDate(t.getUTCDate() + 4 - weekday)
  const year = t.getUTCFullYear()
  const jan1 = new Date(Date.UTC(2000, 0, 1))
  jan1.setUTCFullYear(year)
  const week = Math.floor((t.getTime() - jan1.getTime()) / 86_400_000 / 7) + 1
  return { year, week }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')

/** A valid YYYY-MM-DD printed in a date format; `yyww` = ISO week-year's last two digits + ISO week. */
export function formatCodeDate(date: string, f: DateFormat): string {
  const p = parseCodeDate(date)
  if (!p) throw invalid('CODE_DATE_INVALID', text(`日期无效：${date}`, `Not a valid date: ${date}`))
  const [y, m, d] = p
  switch (f) {
    case 'yyyy':
      return pad(y, 4)
    case 'yy':
      return pad(y % 100, 2)
    case 'mm':
      return pad(m, 2)
    case 'dd':
      return pad(d, 2)
    case 'yyyymm':
      return pad(y, 4) + pad(m, 2)
    case 'yyyymmdd':
      return pad(y, 4) + pad(m, 2) + pad(d, 2)
    case 'yyww': {
      const w = isoWeek(y, m, d)
      return pad(w.year % 100, 2) + pad(w.week, 2)
    }
  }
}

// ---------- fields ----------

type Result = { ok: true; value: string } | { ok: false; code: ErrorCodeOf<'invalid'>; message: Text }

/** The value a ref reads from a customer's field (its own code, or its ancestor's at `level`). */
export function resolveCodeRef(ref: FieldRef, v: FieldValue | undefined): { code: string; name?: string } | Result {
  const label = codeFieldLabel(baseFieldRef(ref))
  if (!v || normalizeCode(v.code) === '')
    return {
      ok: false,
      code: 'CODE_FIELD_MISSING',
      message: text(`缺少${label.zh}，编码规则要用到它`, `The ${label.en} is missing; the code rule needs it`),
    }
  if (ref.level === undefined) return v.name === undefined ? { code: v.code } : { code: v.code, name: v.name }
  const anc = v.path?.[ref.level - 1]
  if (anc === undefined || normalizeCode(anc) === '')
    return {
      ok: false,
      code: 'CODE_FIELD_LEVEL_MISSING',
      message: text(
        `${label.zh}“${v.code}”没有第 ${ref.level} 级的上级编码`,
        `The ${label.en} "${v.code}" has no ancestor at level ${ref.level}`,
      ),
    }
  // Only the node itself has a name here; an ancestor is looked up by its code.
  return { code: anc }
}

/** Applies modifiers left to right to a value. */
export function applyCodeModifiers(
  value: { code: string; name?: string },
  modifiers: Modifier[],
  maps: MapTable[] | undefined,
  ref: FieldRef,
): Result {
  let cur: { code: string; name?: string } = { ...value, code: normalizeCode(value.code) }
  for (const m of modifiers) {
    if (m.kind !== 'map') {
      const chars = Array.from(cur.code)
      cur = { code: (m.kind === 'left' ? chars.slice(0, m.n) : chars.slice(-m.n)).join('') }
    } else {
      const table = maps?.find((t) => t.name === m.name)
      if (!table)
        return {
          ok: false,
          code: 'CODE_MAP_UNKNOWN',
          message: text(`对照表“${m.name}”不存在`, `There is no map table "${m.name}"`),
        }
      const name = cur.name
      const entry =
        table.entries.find((e) => normalizeCode(e.value) === normalizeCode(cur.code)) ??
        (name === undefined ? undefined : table.entries.find((e) => normalizeCode(e.value) === normalizeCode(name)))
      if (!entry) {
        const shown = name === undefined ? cur.code : `${cur.code} ${name}`
        const label = codeFieldLabel(ref)
        return {
          ok: false,
          code: 'CODE_MAP_MISSING',
          message: text(
            `对照表“${m.name}”中没有${label.zh}“${shown}”的简码`,
            `The map table "${m.name}" has no short code for the ${label.en} "${shown}"`,
          ),
        }
      }
      cur = { code: normalizeCode(entry.short) }
    }
  }
  if (cur.code.trim() === '')
    return {
      ok: false,
      code: 'CODE_VALUE_EMPTY',
      message: text(`${codeFieldLabel(ref).zh}打印出来为空`, `The ${codeFieldLabel(ref).en} prints as nothing`),
    }
  return { ok: true, value: cur.code }
}

/** What a field segment prints for one value (normalised), or why it cannot. */
export function printCodeField(seg: FieldSegment, v: FieldValue | undefined, maps: MapTable[] | undefined): Result {
  const r = resolveCodeRef(seg.ref, v)
  if ('ok' in r) return r
  return applyCodeModifiers(r, seg.modifiers, maps, seg.ref)
}

// ---------- records ----------

interface Resolved {
  pieces: (string | null)[]
  scope: [string, string][]
  issues: CodedIssue[]
}

function resolveRecord(p: CodePattern, v: RecordValues, maps: MapTable[]): Resolved {
  const issues: CodedIssue[] = []
  const reported = new Set<string>()
  const report = (path: (string | number)[], r: { code: ErrorCodeOf<'invalid'>; message: Text }) => {
    const k = `${r.code}|${r.message.en}`
    if (reported.has(k)) return
    reported.add(k)
    issues.push(issue(path, r.code, r.message))
  }
  const needsDate = p.segments.some((s) => s.kind === 'date') || serialScope(p).some((i) => i.kind === 'date')
  const dateOk = !needsDate || parseCodeDate(v.date) !== null
  if (!dateOk)
    report(['date'], { code: 'CODE_DATE_INVALID', message: text(`日期无效：${v.date}`, `Not a valid date: ${v.date}`) })
  const pieces = p.segments.map((s): string | null => {
    if (s.kind === 'literal') return normalizePiece(s.text)
    if (s.kind === 'date') return dateOk ? formatCodeDate(v.date, s.format) : null
    if (s.kind === 'field') {
      const r = printCodeField(s, v.fields[fieldKey(baseFieldRef(s.ref))], maps)
      if (r.ok) return r.value
      report(['fields', fieldKey(baseFieldRef(s.ref))], r)
      return null
    }
    return null
  })
  const scope: [string, string][] = []
  for (const item of serialScope(p)) {
    const val = scopeValue(item, v, dateOk)
    if (typeof val === 'string') scope.push([scopeItemKey(item), val])
    else if (val) report(['fields', fieldKey(baseFieldRef((item as { ref: FieldRef }).ref))], val)
  }
  scope.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return { pieces, scope, issues }
}

function scopeValue(
  item: ScopeItem,
  v: RecordValues,
  dateOk: boolean,
): string | { code: ErrorCodeOf<'invalid'>; message: Text } | null {
  if (item.kind === 'date') return dateOk ? formatCodeDate(v.date, item.granularity) : null
  const r = resolveCodeRef(item.ref, v.fields[fieldKey(baseFieldRef(item.ref))])
  return 'ok' in r ? (r.ok ? r.value : r) : normalizeCode(r.code)
}

function throwIssues(issues: CodedIssue[]): void {
  if (issues.length === 0) return
  const codes = new Set(issues.map((i) => i.code))
  const code = codes.size === 1 ? (issues[0] as CodedIssue).code : 'CODE_VALUES_INVALID'
  throw invalid(
    code,
    text('客户的资料不足以按编码规则生成编码', "The customer's values do not fit the code rule"),
    issues,
  )
}

/** The fields the app must resolve for a rule (base refs: the app supplies `path` for hierarchical schemes). */
export function requiredFields(p: CodePattern): FieldRef[] {
  const refs: FieldRef[] = []
  for (const s of p.segments) if (s.kind === 'field') refs.push(s.ref)
  for (const i of serialScope(p)) if (i.kind === 'field') refs.push(i.ref)
  const seen = new Set<string>()
  return refs.map(baseFieldRef).filter((r) => {
    const k = fieldKey(r)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

const escapeKey = (s: string) => s.replace(/[\\;=]/g, (c) => `\\${c}`)

/** Canonical key of the serial scope values ('' for per:none), e.g. `date:yyyy=2023;type=RT`. */
export function scopeKey(p: CodePattern, v: RecordValues, maps: MapTable[]): string {
  const r = resolveRecord(p, v, maps)
  throwIssues(r.issues)
  return r.scope.map(([k, val]) => `${escapeKey(k)}=${escapeKey(val)}`).join(';')
}

/** The printed serial, or null when it does not fit a `refuse` rule. */
export function formatSerial(s: SerialSegment, serial: number): string | null {
  const digits = String(serial)
  if (digits.length > s.width) return s.overflow === 'widen' ? digits : null
  return digits.padStart(s.width, '0')
}

/** The largest serial a rule can print; null = unbounded (widen). */
export function serialCapacity(p: CodePattern): { max: number | null } {
  const s = serialSegments(p)[0]
  if (!s || s.overflow === 'widen') return { max: null }
  return { max: Math.min(10 ** s.width - 1, Number.MAX_SAFE_INTEGER) }
}

/** The normalised code for a customer's values and a serial. */
export function renderCode(p: CodePattern, v: RecordValues, maps: MapTable[], serial: number): string {
  const r = resolveRecord(p, v, maps)
  if (!Number.isSafeInteger(serial) || serial < 0)
    r.issues.push(
      issue(
        ['serial'],
        'CODE_SERIAL_INVALID',
        text(`流水号须为非负整数：${serial}`, `A serial is a non-negative integer: ${serial}`),
      ),
    )
  throwIssues(r.issues)
  let out = ''
  p.segments.forEach((s, i) => {
    if (s.kind === 'serial') {
      const printed = formatSerial(s, serial)
      if (printed === null)
        throw conflict(
          'CODE_SERIAL_OVERFLOW',
          text(
            `流水号 ${serial} 超出 ${s.width} 位（最大 ${10 ** s.width - 1}），规则规定溢出时拒绝`,
            `Serial ${serial} does not fit in ${s.width} digits (max ${10 ** s.width - 1}) and the rule refuses to widen`,
          ),
          { serial, width: s.width },
        )
      out += printed
    } else if (s.kind === 'check') out += checkCharacter(normalizeCode(out))
    else out += r.pieces[i] as string
  })
  return normalizeCode(out)
}

/** The next `count` codes for a sample record without reserving anything; stops early at a refused overflow. */
export function previewCodes(
  p: CodePattern,
  v: RecordValues,
  maps: MapTable[],
  nextSerial: number | null,
  count: number,
): string[] {
  const s = serialSegments(p)[0]
  const first = nextSerial ?? s?.start ?? 1
  const step = Math.max(1, s?.step ?? 1)
  const max = serialCapacity(p).max
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const n = first + i * step
    // The first code is always rendered, so a counter that is already full reports its overflow.
    if (i > 0 && ((max !== null && n > max) || !Number.isSafeInteger(n))) break
    out.push(renderCode(p, v, maps, n))
  }
  return out
}
