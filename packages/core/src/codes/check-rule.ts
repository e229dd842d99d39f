import { type Issue, issue, type Text, text } from '../errors.js'
import { checkCharacter } from './check-character.js'
import { buildNfa, fieldLanguage, findTwoReadings, intersect, withoutCheck } from './code-automaton.js'
import { CODE_CHARS, CODE_MAX_LENGTH } from './code-format.js'
import { normalizeCode, normalizePiece } from './normalize-code.js'
import {
  baseFieldRef,
  type CodePattern,
  type DateFormat,
  type FieldRef,
  type FieldSegment,
  fieldKey,
  printCodeSegment,
  printPattern,
  type ScopeItem,
  type Segment,
  scopeItemKey,
  serialScope,
} from './pattern.js'
import {
  codeFieldLabel,
  type FieldValue,
  formatCodeDate,
  type MapTable,
  printCodeField,
  resolveCodeRef,
} from './render-code.js'

export interface RuleContext {
  /** the real set of values of a field in this tenant; undefined = unknown (letters/digits of any length) */
  values?: (ref: FieldRef) => FieldValue[] | undefined
  maps?: MapTable[]
  /** level schemes (level lengths); null = a flat scheme; needed for {class:L} */
  levels?: Partial<Record<'type' | 'region' | 'industry' | 'class', number[] | null>>
  /** the tenant's other active rules */
  otherRules?: { name: string; pattern: CodePattern }[]
}

const MAX_WIDTH = 18

/**
 * Every reason a rule is refused (empty = accepted). Codes are unique exactly when the printed
 * text determines the serial scope key and the serial, and no other active rule can print the
 * same text; the checks below test both, exactly where value sets are known, else conservatively.
 */
export function checkRule(p: CodePattern, ctx: RuleContext = {}): Issue[] {
  const issues: Issue[] = []
  const add = (path: (string | number)[], code: string, message: Text) => issues.push(issue(path, code, message))
  const segs = p.segments
  const serialIdx = segs.flatMap((s, i) => (s.kind === 'serial' ? [i] : []))

  if (serialIdx.length === 0)
    add(
      ['segments'],
      'CODE_RULE_NO_SERIAL',
      text('编码规则必须有一个流水号 {serial:N}', 'A code rule needs exactly one serial {serial:N}'),
    )
  for (const i of serialIdx.slice(1))
    add(
      ['segments', i],
      'CODE_RULE_TWO_SERIALS',
      text('编码规则只能有一个流水号', 'A code rule has exactly one serial; this is another one'),
    )
  segs.forEach((s, i) => {
    if (s.kind === 'check' && i !== segs.length - 1)
      add(['segments', i], 'CODE_RULE_CHECK_NOT_LAST', text('校验位 {check} 必须在最后', '{check} must stand last'))
    if (s.kind === 'literal' && /[\s\p{C}]/u.test(s.text))
      add(
        ['segments', i],
        'CODE_RULE_LITERAL_CHARS',
        text(
          `固定文字“${s.text}”含空白或控制字符`,
          `The literal "${s.text}" contains white space or control characters`,
        ),
      )
    if (s.kind === 'serial') checkSerialNumbers(s, i, add)
    if (s.kind === 'field') checkField(s, i, ctx, add)
  })
  checkFormat(p, ctx, add)
  const serial = serialIdx.length === 1 ? segs[serialIdx[0] as number] : undefined
  if (serial?.kind === 'serial' && serial.per)
    serial.per.forEach((item, j) => {
      if (item.kind === 'field') checkLevel(item.ref, ['segments', serialIdx[0] as number, 'per', j], ctx, add)
    })

  // Only a rule with one serial has a meaning to check further.
  if (serial?.kind !== 'serial' || issues.some((x) => x.code === 'CODE_RULE_CHECK_NOT_LAST')) return issues
  const si = serialIdx[0] as number

  // 1. Each scope item must be determined by what the code prints.
  const determiners: number[][][] = []
  serialScope(p).forEach((item, j) => {
    const path = serial.per ? ['segments', si, 'per', j] : ['segments', si]
    const sets =
      item.kind === 'date' ? dateDeterminers(p, item.granularity, path, add) : fieldDeterminers(p, item, ctx, path, add)
    if (sets) determiners.push(sets)
  })

  // 2. The text must be read in one way only, as far as the serial and those segments go.
  if (determiners.length === serialScope(p).length) {
    const nfa = buildNfa(segs, ctx)
    const tracked = [si, ...determiners.flat(2)]
    const found = findTwoReadings(nfa, tracked, (diverged) => {
      if (diverged(si)) return true
      return determiners.some((sets) => sets.every((set) => set.some(diverged)))
    })
    if (found === 'too-complex') add(['segments'], 'CODE_RULE_TOO_COMPLEX', tooComplex())
    else if (found) {
      let sample = found.text
      if (segs[segs.length - 1]?.kind === 'check') sample = sample.slice(0, -1) + checkCharacter(sample.slice(0, -1))
      const ra = reading(p, sample, found.a)
      const rb = reading(p, sample, found.b)
      add(
        ['segments'],
        'CODE_RULE_AMBIGUOUS',
        text(
          `编码“${sample}”有两种读法：${ra}；或 ${rb}。两个不同的客户（或两个流水号）会得到同一个编码，请加分隔符、固定宽度或改流水依据`,
          `The code "${sample}" reads two ways: ${ra}; or ${rb}. Two different customers (or serials) would get the same code; add a separator, fix the widths or change the scope`,
        ),
      )
    }
  }

  // 3. No other active rule may print a code this one prints.
  for (const other of ctx.otherRules ?? []) {
    const bothChecked =
      segs[segs.length - 1]?.kind === 'check' && withoutCheck(other.pattern) !== other.pattern.segments
    // Equal bodies give equal check characters, so two checked rules collide exactly when their bodies do.
    const a = buildNfa(bothChecked ? withoutCheck(p) : segs, ctx)
    const b = buildNfa(bothChecked ? withoutCheck(other.pattern) : other.pattern.segments, ctx)
    const w = intersect(a, b)
    if (w === 'too-complex') add(['otherRules', other.name], 'CODE_RULE_TOO_COMPLEX', tooComplex())
    else if (w !== null) {
      const sample = bothChecked ? w + checkCharacter(w) : w
      add(
        ['otherRules', other.name],
        'CODE_RULE_COLLISION',
        text(
          `与启用中的规则“${other.name}”（${printPattern(other.pattern)}）可能重号：两条规则都能生成“${sample}”`,
          `Codes can collide with the active rule "${other.name}" (${printPattern(other.pattern)}): both can produce "${sample}"`,
        ),
      )
    }
  }
  return issues
}

type Add = (path: (string | number)[], code: string, message: Text) => void

const tooComplex = () =>
  text(
    '取值组合太多，无法证明编码不会重复；请加分隔符或缩小取值范围',
    'Too many value combinations to prove the codes unique; add separators or narrow the values',
  )

function checkSerialNumbers(s: { width: number; start: number; step: number }, i: number, add: Add) {
  if (!Number.isInteger(s.width) || s.width < 1 || s.width > MAX_WIDTH)
    add(
      ['segments', i, 'width'],
      'CODE_RULE_SERIAL_WIDTH',
      text(`流水号宽度须为 1–${MAX_WIDTH}，实为 ${s.width}`, `The serial width must be 1–${MAX_WIDTH}, not ${s.width}`),
    )
  if (!Number.isSafeInteger(s.start) || s.start < 0)
    add(
      ['segments', i, 'start'],
      'CODE_RULE_SERIAL_START',
      text(`起始值须为非负整数，实为 ${s.start}`, `The start must be a non-negative integer, not ${s.start}`),
    )
  if (!Number.isSafeInteger(s.step) || s.step < 1)
    add(
      ['segments', i, 'step'],
      'CODE_RULE_SERIAL_STEP',
      text(`步长须为正整数，实为 ${s.step}`, `The step must be a positive integer, not ${s.step}`),
    )
}

function checkLevel(ref: FieldRef, path: (string | number)[], ctx: RuleContext, add: Add) {
  if (ref.level === undefined || ref.source === 'attr') return
  const levels = ctx.levels?.[ref.source]
  if (levels === undefined) return
  const label = codeFieldLabel(baseFieldRef(ref))
  if (levels === null || ref.level > levels.length)
    add(
      path,
      'CODE_RULE_LEVEL_UNKNOWN',
      text(
        `${label.zh}的编码方案${levels === null ? '不分级' : `只有 ${levels.length} 级`}，没有第 ${ref.level} 级`,
        `The ${label.en} scheme ${levels === null ? 'has no levels' : `has ${levels.length} levels`}, so level ${ref.level} does not exist`,
      ),
    )
}

function checkField(s: FieldSegment, i: number, ctx: RuleContext, add: Add) {
  checkLevel(s.ref, ['segments', i, 'ref'], ctx, add)
  if (ctx.maps)
    s.modifiers.forEach((m, j) => {
      if (m.kind !== 'map') return
      const table = ctx.maps?.find((t) => t.name === m.name)
      if (!table)
        add(
          ['segments', i, 'modifiers', j],
          'CODE_RULE_MAP_UNKNOWN',
          text(`对照表“${m.name}”不存在`, `There is no map table "${m.name}"`),
        )
      else if (table.entries.some((e) => normalizeCode(e.short).trim() === ''))
        add(
          ['segments', i, 'modifiers', j],
          'CODE_RULE_MAP_EMPTY',
          text(`对照表“${m.name}”有空的简码`, `The map table "${m.name}" has an empty short code`),
        )
      else {
        const bad = table.entries.filter((e) => Array.from(normalizeCode(e.short)).some((c) => !CODE_CHARS.test(c)))
        if (bad.length > 0)
          add(
            ['segments', i, 'modifiers', j],
            'CODE_RULE_MAP_FORMAT',
            text(
              `对照表“${m.name}”的简码不能进编码（编码只允许字母、数字和 . _ - /）：${bad.map((e) => `${e.value} → ${e.short}`).join('、')}`,
              `The map table "${m.name}" has short codes a code cannot hold (only letters, digits and . _ - /): ${bad.map((e) => `${e.value} → ${e.short}`).join(', ')}`,
            ),
          )
      }
    })
  // Only finite value sets can be checked for collisions: schemes, choices, or anything through a map.
  if (
    ctx.values &&
    s.ref.source === 'attr' &&
    !s.modifiers.some((m) => m.kind === 'map') &&
    ctx.values(baseFieldRef(s.ref)) === undefined
  ) {
    const label = codeFieldLabel(s.ref)
    add(
      ['segments', i, 'ref'],
      'CODE_RULE_FIELD_INFINITE',
      text(
        `${label.zh}的取值不是有限集合，不能直接进编码；请改用选项型属性或经对照表 map 转换`,
        `The ${label.en} has no finite set of values, so it cannot be printed directly; use a choice attribute or a map table`,
      ),
    )
  }
}

const DATE_LENGTH: Record<DateFormat, number> = { yyyy: 4, yy: 2, mm: 2, dd: 2, yyyymm: 6, yyyymmdd: 8, yyww: 4 }
// A widening serial prints at most the digits of the largest safe integer.
const WIDEST_SERIAL = String(Number.MAX_SAFE_INTEGER).length

/** The most characters a segment can print; null = no bound known (an unknown value of any length). */
function maxLength(s: Segment, ctx: RuleContext): number | null {
  switch (s.kind) {
    case 'literal':
      return Array.from(normalizePiece(s.text)).length
    case 'date':
      return DATE_LENGTH[s.format]
    case 'check':
      return 1
    case 'serial':
      return s.overflow === 'widen' ? Math.max(s.width, WIDEST_SERIAL) : s.width
    case 'field': {
      const lang = fieldLanguage(s, ctx)
      if (lang.kind === 'strings') return Math.max(0, ...lang.strings.map((x) => Array.from(x).length))
      if (lang.max !== null) return lang.max
      // A node code of a level scheme is at most as long as the levels it reaches.
      const levels = s.ref.source === 'attr' ? undefined : ctx.levels?.[s.ref.source]
      return levels ? levels.slice(0, s.ref.level ?? levels.length).reduce((a, b) => a + b, 0) : null
    }
  }
}

/**
 * A generated code obeys the format a typed one does (code-format.ts): every literal and every value a
 * field can print holds only code characters, the first character is a letter or digit, and the longest
 * code fits. Each refusal names the token.
 */
function checkFormat(p: CodePattern, ctx: RuleContext, add: Add) {
  const badChars = (str: string) => [...new Set(Array.from(str).filter((c) => !CODE_CHARS.test(c)))]
  p.segments.forEach((s, i) => {
    if (s.kind === 'literal') {
      const printed = normalizePiece(s.text)
      const bad = badChars(printed).filter((c) => !/[\s\p{C}]/u.test(c))
      if (bad.length > 0)
        add(
          ['segments', i],
          'CODE_RULE_FORMAT_CHARS',
          text(
            `固定文字“${s.text}”含编码不允许的字符 ${bad.map((c) => `“${c}”`).join('')}（编码只允许字母、数字和 . _ - /）`,
            `The literal "${s.text}" contains ${bad.map((c) => `"${c}"`).join(', ')}, which a code cannot hold (only letters, digits and . _ - /)`,
          ),
        )
      else if (i === 0 && !/^[A-Z0-9]/.test(printed))
        add(
          ['segments', i],
          'CODE_RULE_FORMAT_START',
          text(
            `编码须以字母或数字开头，固定文字“${s.text}”不行`,
            `A code starts with a letter or digit, so it cannot start with the literal "${s.text}"`,
          ),
        )
    }
    if (s.kind === 'field') {
      const lang = fieldLanguage(s, ctx)
      const strings = lang.kind === 'strings' ? lang.strings : []
      // Characters a map table prints are reported with the table (checkField).
      const bad = s.modifiers.some((m) => m.kind === 'map') ? [] : strings.filter((x) => badChars(x).length > 0)
      const badStart = i === 0 ? strings.filter((x) => !/^[A-Z0-9]/.test(x)) : []
      if (bad.length === 0 && badStart.length > 0)
        add(
          ['segments', i, 'ref'],
          'CODE_RULE_FORMAT_START',
          text(
            `编码须以字母或数字开头，${printCodeSegment(s)} 却可能打印 ${badStart.join('、')}；请在前面加固定文字`,
            `A code starts with a letter or digit, but ${printCodeSegment(s)} can print ${badStart.join(', ')}; put a literal before it`,
          ),
        )
      if (bad.length > 0)
        add(
          ['segments', i, 'ref'],
          'CODE_RULE_FORMAT_CHARS',
          text(
            `${printCodeSegment(s)} 会打印编码不允许的字符：${bad.join('、')}（编码只允许字母、数字和 . _ - /）；请经对照表 map 转换`,
            `${printCodeSegment(s)} can print characters a code cannot hold: ${bad.join(', ')} (only letters, digits and . _ - /); print it through a map table`,
          ),
        )
    }
  })
  const lengths = p.segments.map((s) => maxLength(s, ctx))
  const known = lengths.reduce<number>((a, b) => a + (b ?? 0), 0)
  if (known <= CODE_MAX_LENGTH) return
  let longest = 0
  lengths.forEach((n, i) => {
    if ((n ?? 0) > (lengths[longest] ?? 0)) longest = i
  })
  const seg = p.segments[longest] as Segment
  add(
    ['segments', longest],
    'CODE_RULE_TOO_LONG',
    text(
      `编码最长可达 ${known} 位，超过 ${CODE_MAX_LENGTH} 位；其中 ${printCodeSegment(seg)} 占 ${lengths[longest]} 位`,
      `Codes can reach ${known} characters, more than ${CODE_MAX_LENGTH}; ${printCodeSegment(seg)} alone takes ${lengths[longest]}`,
    ),
  )
}

// ---------- scope determination ----------

type Comp = 'Y4' | 'Y2' | 'M' | 'D' | 'WY2' | 'W'
const COMPS: Record<DateFormat, Comp[]> = {
  yyyy: ['Y4'],
  yy: ['Y2'],
  mm: ['M'],
  dd: ['D'],
  yyyymm: ['Y4', 'M'],
  yyyymmdd: ['Y4', 'M', 'D'],
  yyww: ['WY2', 'W'],
}
// Dates that tell the formats apart: around new year (ISO weeks), month and century edges.
const SAMPLE_DATES = [
  '2020-12-28',
  '2020-12-31',
  '2021-01-01',
  '2021-01-04',
  '2023-01-01',
  '2023-10-01',
  '2023-10-02',
  '2023-10-08',
  '2023-11-01',
  '2023-11-02',
  '2024-01-01',
  '2024-10-01',
  '2024-10-02',
  '2024-11-01',
  '2123-10-01',
  '2123-10-02',
]

function dateDeterminers(p: CodePattern, g: DateFormat, path: (string | number)[], add: Add): number[][] | null {
  const dates = p.segments.flatMap((s, i) => (s.kind === 'date' ? [{ i, f: s.format }] : []))
  if (dates.length === 0) {
    add(
      path,
      'CODE_RULE_SCOPE_NOT_PRINTED',
      text(
        `流水依据含日期（${g}），但编码不打印日期：不同日期的流水号会重复`,
        `The scope counts per date (${g}) but the code prints no date, so serials repeat across dates`,
      ),
    )
    return null
  }
  const have = new Set<Comp>(dates.flatMap((d) => COMPS[d.f]))
  if (have.has('Y4')) have.add('Y2')
  // A full date fixes its ISO week and week-year; nothing less does.
  if (have.has('Y4') && have.has('M') && have.has('D')) {
    have.add('W')
    have.add('WY2')
  }
  if (COMPS[g].every((c) => have.has(c))) return [dates.map((d) => d.i)]
  const printed = dates.map((d) => `{date:${d.f}}`).join(' ')
  const pair = samePrintDifferentScope(
    dates.map((d) => d.f),
    g,
  )
  const example = pair
    ? text(
        `，例如 ${pair[0]} 与 ${pair[1]} 打印相同但属于不同计数`,
        `; e.g. ${pair[0]} and ${pair[1]} print the same but count separately`,
      )
    : text('', '')
  add(
    path,
    'CODE_RULE_SCOPE_NOT_DETERMINED',
    text(
      `流水依据按日期 ${g} 分段计数，但编码只打印 ${printed}，不能区分这些分段，编码会重复${example.zh}`,
      `The scope counts per ${g} but the code prints only ${printed}, which does not tell those periods apart, so codes repeat${example.en}`,
    ),
  )
  return null
}

function samePrintDifferentScope(printed: DateFormat[], g: DateFormat): [string, string] | null {
  for (const a of SAMPLE_DATES)
    for (const b of SAMPLE_DATES)
      if (
        a < b &&
        formatCodeDate(a, g) !== formatCodeDate(b, g) &&
        printed.every((f) => formatCodeDate(a, f) === formatCodeDate(b, f))
      )
        return [a, b]
  return null
}

const show = (v: FieldValue) => (v.name ? `${v.code}（${v.name}）` : v.code)

function fieldDeterminers(
  p: CodePattern,
  item: Extract<ScopeItem, { kind: 'field' }>,
  ctx: RuleContext,
  path: (string | number)[],
  add: Add,
): number[][] | null {
  const key = fieldKey(baseFieldRef(item.ref))
  const label = codeFieldLabel(item.ref)
  const candidates = p.segments.flatMap((s, i) =>
    s.kind === 'field' && fieldKey(baseFieldRef(s.ref)) === key ? [{ s, i }] : [],
  )
  if (candidates.length === 0) {
    add(
      path,
      'CODE_RULE_SCOPE_NOT_PRINTED',
      text(
        `流水依据 ${scopeItemKey(item)} 不在编码中：不同${label.zh}各自计数，却打印出相同的编码`,
        `The scope names ${scopeItemKey(item)}, which the code does not print: each ${label.en} counts on its own yet prints the same codes`,
      ),
    )
    return null
  }
  const sets: number[][] = []
  const reasons: Text[] = []
  for (const { s, i } of candidates) {
    // The node's code fixes its ancestors, an ancestor's code fixes only higher ancestors.
    const lv = s.ref.level
    const reaches = lv === undefined || (item.ref.level !== undefined && lv >= item.ref.level)
    if (!reaches) {
      reasons.push(
        text(
          `${printCodeSegment(s)} 只打印到第 ${lv} 级，区分不了 ${scopeItemKey(item)}`,
          `${printCodeSegment(s)} prints only level ${lv}, which does not tell ${scopeItemKey(item)} apart`,
        ),
      )
      continue
    }
    const clash = ctx.values?.(baseFieldRef(s.ref)) ? knownClash(s, item.ref, ctx) : unknownClash(s, ctx.maps)
    if (clash) reasons.push(clash)
    else sets.push([i])
  }
  if (sets.length > 0) return sets
  add(
    path,
    'CODE_RULE_SCOPE_NOT_DETERMINED',
    text(
      `流水依据 ${scopeItemKey(item)} 不能从编码读出，不同${label.zh}会得到相同编码：${reasons.map((r) => r.zh).join('；')}。可改为 per:none 或去掉截取/对照`,
      `The scope item ${scopeItemKey(item)} cannot be read back from the code, so different ${label.en} values get the same code: ${reasons.map((r) => r.en).join('; ')}. Use per:none or drop the cut/map`,
    ),
  )
  return null
}

/** Two known values that print the same but differ in the scope item, as a reason; null if none. */
function knownClash(s: FieldSegment, itemRef: FieldRef, ctx: RuleContext): Text | null {
  const byPrint = new Map<string, { v: FieldValue; item: string }>()
  for (const v of ctx.values?.(baseFieldRef(s.ref)) ?? []) {
    const printed = printCodeField(s, v, ctx.maps)
    const it = resolveCodeRef(itemRef, v)
    if (!printed.ok || 'ok' in it) continue
    const item = normalizeCode(it.code)
    const prev = byPrint.get(printed.value)
    if (prev && prev.item !== item)
      return text(
        `“${show(prev.v)}”与“${show(v)}”在 ${printCodeSegment(s)} 都打印为“${printed.value}”`,
        `"${show(prev.v)}" and "${show(v)}" both print "${printed.value}" in ${printCodeSegment(s)}`,
      )
    if (!prev) byPrint.set(printed.value, { v, item })
  }
  return null
}

/** Whether unknown values could print alike: any cut of an unknown value, or a map sending two entries to one short. */
function unknownClash(s: FieldSegment, maps: MapTable[] | undefined): Text | null {
  // Tracks the outputs of the last known map per original entry, once there is one.
  let finite: Map<string, string> | null = null
  for (const m of s.modifiers) {
    if (m.kind === 'map') {
      const table = maps?.find((t) => t.name === m.name)
      // An unknown table (structure-only check) is assumed one-to-one; the tenant check sees the real one.
      if (!table) {
        finite = null
        continue
      }
      const next = new Map<string, string>()
      if (finite === null) for (const e of table.entries) next.set(normalizeCode(e.value), normalizeCode(e.short))
      else
        for (const [orig, cur] of finite) {
          const e = table.entries.find((x) => normalizeCode(x.value) === normalizeCode(cur))
          if (e) next.set(orig, normalizeCode(e.short))
        }
      finite = next
    } else if (finite === null) {
      const n = m.n
      const [a, b] =
        m.kind === 'left' ? [`${'1'.repeat(n)}A`, `${'1'.repeat(n)}B`] : [`A${'1'.repeat(n)}`, `B${'1'.repeat(n)}`]
      return text(
        `截取 ${m.kind}:${n} 后，例如“${a}”与“${b}”都打印为“${'1'.repeat(n)}”`,
        `after the cut ${m.kind}:${n}, e.g. "${a}" and "${b}" both print "${'1'.repeat(n)}"`,
      )
    } else {
      const n = m.n
      for (const [orig, cur] of finite) {
        const chars = Array.from(cur)
        finite.set(orig, (m.kind === 'left' ? chars.slice(0, n) : chars.slice(-n)).join(''))
      }
    }
  }
  if (finite === null) return null
  const seen = new Map<string, string>()
  for (const [orig, out] of finite) {
    const prev = seen.get(out)
    if (prev !== undefined)
      return text(
        `“${prev}”与“${orig}”在 ${printCodeSegment(s)} 都打印为“${out}”`,
        `"${prev}" and "${orig}" both print "${out}" in ${printCodeSegment(s)}`,
      )
    seen.set(out, orig)
  }
  return null
}

/** One reading of a sample code: each segment's printed text, e.g. `{type}=AB {serial:3}=001`. */
function reading(p: CodePattern, sample: string, segOf: number[]): string {
  const chars = Array.from(sample)
  const parts: string[] = []
  let cur = -1
  let acc = ''
  const flush = () => {
    const s = p.segments[cur]
    if (s && s.kind !== 'literal') parts.push(`${printCodeSegment(s)}=${acc}`)
  }
  chars.forEach((c, k) => {
    const seg = segOf[k] as number
    if (seg !== cur) {
      flush()
      cur = seg
      acc = ''
    }
    acc += c
  })
  flush()
  return parts.join(' ')
}
