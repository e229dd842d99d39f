import fc from 'fast-check'
import type { CodePattern, DateFormat, FieldRef, Modifier, ScopeItem, Segment } from './pattern.js'
import { fieldKey } from './pattern.js'
import type { FieldValue, MapTable } from './render-code.js'

export const FORMATS: DateFormat[] = ['yyyy', 'yy', 'mm', 'dd', 'yyyymm', 'yyyymmdd', 'yyww']

/** Adjacent literals become one, as the text form reads them. */
export function canonical(segments: Segment[]): CodePattern {
  const out: Segment[] = []
  for (const s of segments) {
    const last = out[out.length - 1]
    if (s.kind === 'literal' && last?.kind === 'literal')
      out[out.length - 1] = { kind: 'literal', text: last.text + s.text }
    else out.push(s)
  }
  return { segments: out }
}

const refArb: fc.Arbitrary<FieldRef> = fc.oneof(
  fc
    .record({
      source: fc.constantFrom('type', 'region', 'industry', 'class') as fc.Arbitrary<FieldRef['source']>,
      level: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    })
    .map((r) => (r.level === undefined ? { source: r.source } : { source: r.source, level: r.level })),
  fc.stringMatching(/^[A-Z][A-Z0-9_]{0,4}$/).map((attr): FieldRef => ({ source: 'attr', attr })),
)
const modifierArb: fc.Arbitrary<Modifier> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('left', 'right') as fc.Arbitrary<'left' | 'right'>,
    n: fc.integer({ min: 1, max: 9 }),
  }),
  fc.record({ kind: fc.constant('map' as const), name: fc.constantFrom('地区简称', 'M1', 't-x', 'a:b') }),
)
const scopeItemArb: fc.Arbitrary<ScopeItem> = fc.oneof(
  refArb.map((ref): ScopeItem => ({ kind: 'field', ref })),
  fc.constantFrom(...FORMATS).map((granularity): ScopeItem => ({ kind: 'date', granularity })),
)
const key = (i: ScopeItem) => (i.kind === 'date' ? `date:${i.granularity}` : fieldKey(i.ref))

/** Any structurally valid pattern (for the text-form round trip). */
export const anyPatternArb: fc.Arbitrary<CodePattern> = fc
  .array(
    fc.oneof(
      fc
        .array(fc.constantFrom('A', '-', '{', '}', '|', ':', '+', 'x', '中', '1', '/'), { minLength: 1, maxLength: 4 })
        .map((cs): Segment => ({ kind: 'literal', text: cs.join('') })),
      fc.constantFrom(...FORMATS).map((format): Segment => ({ kind: 'date', format })),
      fc
        .record({ ref: refArb, modifiers: fc.array(modifierArb, { maxLength: 3 }) })
        .map((f): Segment => ({ kind: 'field', ...f })),
      fc
        .record({
          width: fc.integer({ min: 0, max: 18 }),
          start: fc.integer({ min: 0, max: 100000 }),
          step: fc.integer({ min: 0, max: 50 }),
          overflow: fc.constantFrom('refuse', 'widen') as fc.Arbitrary<'refuse' | 'widen'>,
          per: fc.option(fc.uniqueArray(scopeItemArb, { maxLength: 3, selector: key }), { nil: null }),
        })
        .map((s): Segment => ({ kind: 'serial', ...s })),
      fc.constant<Segment>({ kind: 'check' }),
    ),
    { minLength: 1, maxLength: 7 },
  )
  .map(canonical)

// ---------- a small tenant with known values, for the uniqueness properties ----------

const node = (code: string, name?: string): FieldValue => ({
  code,
  ...(name ? { name } : {}),
  path: code.length > 2 ? [code.slice(0, 2), code] : [code],
})

export interface Universe {
  values: Record<string, FieldValue[]>
  maps: MapTable[]
}

export const universeArb: fc.Arbitrary<Universe> = fc
  .record({
    // Values that prefix one another, end in digits, or contain separators, so that collisions are likely.
    type: fc.subarray(['A', 'AB', 'B', '1', 'A1', 'VIP', 'B-'], { minLength: 1, maxLength: 4 }),
    region: fc.subarray(['BJ', 'B', 'J1', 'C', 'BC', '1'], { minLength: 1, maxLength: 4 }),
    klass: fc.subarray(['01', '0101', '0102', '02', '0201', '11', '1101'], { minLength: 1, maxLength: 4 }),
    level: fc.subarray(['1', '2', '12', 'H', 'HI'], { minLength: 1, maxLength: 3 }),
    shorts: fc.array(fc.constantFrom('X', 'Y', '1', 'XY', 'Z9'), { minLength: 12, maxLength: 12 }),
    // Sometimes one short code a code cannot hold (a Chinese character, a sign), so the format check has work.
    bad: fc.constantFrom(null, null, '京', 'X#'),
  })
  .map(({ type, region, klass, level, shorts: given, bad }) => {
    const shorts = bad === null ? given : [bad, ...given.slice(1)]
    const regionNames = ['北京', '上海', '北京', '天津', '重庆', '河北', '山西']
    const all = [...type, ...region.map((_, i) => regionNames[i] as string), ...level]
    return {
      values: {
        type: type.map((c) => ({ code: c })),
        region: region.map((c, i) => ({ code: c, name: regionNames[i] as string })),
        class: klass.map((c) => node(c)),
        'attr:LEVEL': level.map((c) => ({ code: c })),
      },
      // Looked up by code for types and levels, by name for regions; shorts may collide on purpose.
      maps: [{ name: 'M', entries: all.map((value, i) => ({ value, short: shorts[i % shorts.length] as string })) }],
    }
  })

const ruleFieldArb: fc.Arbitrary<Segment> = fc
  .record({
    ref: fc.constantFrom<FieldRef>(
      { source: 'type' },
      { source: 'region' },
      { source: 'class' },
      { source: 'class', level: 1 },
      { source: 'attr', attr: 'LEVEL' },
    ),
    modifiers: fc.oneof(
      { weight: 4, arbitrary: fc.constant<Modifier[]>([]) },
      {
        weight: 2,
        arbitrary: fc.constantFrom<Modifier[]>(
          [{ kind: 'left', n: 1 }],
          [{ kind: 'right', n: 1 }],
          [{ kind: 'map', name: 'M' }],
          [
            { kind: 'map', name: 'M' },
            { kind: 'left', n: 1 },
          ],
        ),
      },
    ),
  })
  .map((f): Segment => ({ kind: 'field', ...f }))

const ruleScopeItemArb: fc.Arbitrary<ScopeItem> = fc.oneof(
  fc
    .constantFrom<FieldRef>(
      { source: 'type' },
      { source: 'region' },
      { source: 'class' },
      { source: 'class', level: 1 },
    )
    .map((ref): ScopeItem => ({ kind: 'field', ref })),
  fc.constantFrom(...FORMATS).map((granularity): ScopeItem => ({ kind: 'date', granularity })),
)

/** Rules over the small tenant: a few segments, one serial somewhere, maybe a trailing check. */
export const rulePatternArb: fc.Arbitrary<CodePattern> = fc
  .record({
    parts: fc.array(
      fc.oneof(
        {
          weight: 1,
          arbitrary: fc.constantFrom('-', 'A', '0', 'V').map((t): Segment => ({ kind: 'literal', text: t })),
        },
        // Literals a code cannot hold: a sign, a character outside the format, or too long.
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('#', '京', 'L'.repeat(38), '_')
            .map((t): Segment => ({ kind: 'literal', text: t })),
        },
        { weight: 1, arbitrary: fc.constantFrom(...FORMATS).map((format): Segment => ({ kind: 'date', format })) },
        { weight: 3, arbitrary: ruleFieldArb },
      ),
      { maxLength: 4 },
    ),
    at: fc.nat(),
    serial: fc.record({
      width: fc.integer({ min: 1, max: 3 }),
      start: fc.integer({ min: 0, max: 2 }),
      step: fc.integer({ min: 1, max: 3 }),
      overflow: fc.constantFrom('refuse', 'widen') as fc.Arbitrary<'refuse' | 'widen'>,
      per: fc.oneof(
        { weight: 3, arbitrary: fc.constant<ScopeItem[] | null>(null) },
        { weight: 1, arbitrary: fc.constant<ScopeItem[] | null>([]) },
        { weight: 2, arbitrary: fc.uniqueArray(ruleScopeItemArb, { minLength: 1, maxLength: 2, selector: key }) },
      ),
    }),
    check: fc.boolean(),
  })
  .map(({ parts, at, serial, check }) => {
    const segs = [...parts]
    segs.splice(at % (parts.length + 1), 0, { kind: 'serial', ...serial })
    if (check) segs.push({ kind: 'check' })
    return canonical(segs)
  })

export const SAMPLE_DATES = ['2020-12-28', '2021-01-01', '2023-10-01', '2023-11-01', '2123-10-01']

/** Every combination of the fields a rule needs (capped), with each sample date. */
export function records(u: Universe, p: CodePattern, needed: FieldRef[]) {
  let combos: Record<string, FieldValue>[] = [{}]
  for (const ref of needed) {
    const vs = u.values[fieldKey(ref)] ?? []
    combos = combos.flatMap((c) => vs.map((v) => ({ ...c, [fieldKey(ref)]: v }))).slice(0, 64)
  }
  // Dates matter only to rules that print or count them.
  const dates = p.segments.some((s) => s.kind === 'date') ? SAMPLE_DATES : SAMPLE_DATES.slice(0, 1)
  return combos.flatMap((fields) => dates.map((date) => ({ date, fields })))
}
