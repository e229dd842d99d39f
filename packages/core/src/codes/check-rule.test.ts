import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError, type Issue } from '../errors.js'
import { verifyCheckCharacter } from './check-character.js'
import { checkRule, type RuleContext } from './check-rule.js'
import { codeFormatProblem } from './code-format.js'
import { records, rulePatternArb, universeArb } from './codes.test-helpers.js'
import { judgeTypedCode } from './judge-typed-code.js'
import { parseCode } from './parse-code.js'
import { baseFieldRef, type CodePattern, type FieldRef, fieldKey, parsePattern, serialSegments } from './pattern.js'
import { type FieldValue, type MapTable, renderCode, requiredFields, scopeKey } from './render-code.js'

const codes = (issues: Issue[]) => issues.map((i) => i.code)
const check = (t: string, ctx: RuleContext = {}) => checkRule(parsePattern(t), ctx)
const valuesOf =
  (sets: Record<string, (string | FieldValue)[]>) =>
  (ref: FieldRef): FieldValue[] | undefined =>
    sets[fieldKey(baseFieldRef(ref))]?.map((v) => (typeof v === 'string' ? { code: v } : v))
const MAPS: MapTable[] = [{ name: '地区简称', entries: [{ value: '北京', short: 'BJ' }] }]

describe('checkRule accepts the documented examples', () => {
  it.each([
    '{type}{serial:3}',
    '{serial:5}',
    '{date:yyyymmdd}-{serial:5}',
    '{region}-{serial:5}',
    '{type}-{region}-{date:yyyymmdd}-{serial:5}',
    '{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}',
    'VIP{serial:3}',
    '{date:yyyymmdd}-{serial:5|per:date:yyyy}',
    '{date:yyyymmdd}-{serial:5|per:date:yyww}',
    '{date:yyww}-{serial:5|per:date:yyww}',
    '{date:yyyy}{date:mm}-{serial:5|per:date:yyyymm}',
    '{class}-{serial:5|per:class:1}',
    '{type}{region}{serial:3|per:none}',
    '{serial:3}{type}',
    '{type}-{serial:5|overflow:widen}{check}',
    '{serial:2|overflow:widen}{date:yy}',
  ])('%s', (t) => {
    expect(check(t, { maps: MAPS })).toEqual([])
  })
})

describe('checkRule refuses', () => {
  it.each<[string, RuleContext, string, RegExp?]>([
    ['{type}', {}, 'CODE_RULE_NO_SERIAL'],
    ['{serial:3}-{serial:3}', {}, 'CODE_RULE_TWO_SERIALS'],
    ['{check}{serial:3}', {}, 'CODE_RULE_CHECK_NOT_LAST'],
    ['{serial:3}{check}{check}', {}, 'CODE_RULE_CHECK_NOT_LAST'],
    ['{serial:0}', {}, 'CODE_RULE_SERIAL_WIDTH'],
    ['{serial:19}', {}, 'CODE_RULE_SERIAL_WIDTH'],
    ['{serial:3|step:0}', {}, 'CODE_RULE_SERIAL_STEP'],
    ['A B{serial:3}', {}, 'CODE_RULE_LITERAL_CHARS'],
    ['{region|map:简称}{serial:3}', { maps: MAPS }, 'CODE_RULE_MAP_UNKNOWN', /简称/],
    ['{class:3}{serial:3}', { levels: { class: [2, 2] } }, 'CODE_RULE_LEVEL_UNKNOWN', /level 3/],
    ['{type:1}{serial:3}', { levels: { type: null } }, 'CODE_RULE_LEVEL_UNKNOWN'],
    ['{class}{serial:3|per:class:3}', { levels: { class: [2, 2] } }, 'CODE_RULE_LEVEL_UNKNOWN'],
    ['{attr:NOTE}{serial:3}', { values: () => undefined }, 'CODE_RULE_FIELD_INFINITE', /NOTE/],
    // counters per month while the code prints only the year
    ['{date:yyyy}{serial:3|per:date:yyyymm}', {}, 'CODE_RULE_SCOPE_NOT_DETERMINED', /2023-01-01 and 2023-10-01/],
    ['{date:yyww}{serial:3|per:date:yyyy}', {}, 'CODE_RULE_SCOPE_NOT_DETERMINED', /2020-12-28 and 2021-01-01/],
    ['{date:yy}{serial:3|per:date:yyyy}', {}, 'CODE_RULE_SCOPE_NOT_DETERMINED', /2023-\d\d-\d\d and 2123-/],
    ['{date:mm}{date:dd}{serial:3|per:date:yyyymmdd}', {}, 'CODE_RULE_SCOPE_NOT_DETERMINED'],
    ['{serial:3|per:date:yyyy}', {}, 'CODE_RULE_SCOPE_NOT_PRINTED'],
    ['{serial:3|per:region}', {}, 'CODE_RULE_SCOPE_NOT_PRINTED', /region/],
    ['{type}{serial:3|per:region}', {}, 'CODE_RULE_SCOPE_NOT_PRINTED'],
    ['{class:1}{serial:3|per:class}', {}, 'CODE_RULE_SCOPE_NOT_DETERMINED', /level 1/],
    ['{region|left:2}-{serial:3}', {}, 'CODE_RULE_SCOPE_NOT_DETERMINED', /left:2/],
    [
      '{region|left:2}-{serial:3}',
      { values: valuesOf({ region: ['BJ01', 'BJ02'] }) },
      'CODE_RULE_SCOPE_NOT_DETERMINED',
      /"BJ01" and "BJ02" both print "BJ"/,
    ],
    [
      '{region|map:M}-{serial:3}',
      {
        maps: [
          {
            name: 'M',
            entries: [
              { value: '北京', short: 'BJ' },
              { value: '北京市', short: 'BJ' },
            ],
          },
        ],
        values: valuesOf({
          region: [
            { code: 'HBBJ', name: '北京' },
            { code: 'BJS', name: '北京市' },
          ],
        }),
      },
      'CODE_RULE_SCOPE_NOT_DETERMINED',
      /HBBJ（北京）" and "BJS（北京市）" both print "BJ"/,
    ],
    [
      '{region|map:M}-{serial:3}',
      {
        maps: [
          {
            name: 'M',
            entries: [
              { value: 'A', short: 'X' },
              { value: 'B', short: 'x' },
            ],
          },
        ],
      },
      'CODE_RULE_SCOPE_NOT_DETERMINED',
      /"A" and "B" both print "X"/,
    ],
    // adjacent variable-length fields, values unknown
    ['{type}{region}{serial:3}', {}, 'CODE_RULE_AMBIGUOUS'],
    // known values that really print alike: A+BC and AB+C
    [
      '{type}{region}{serial:3}',
      { values: valuesOf({ type: ['A', 'AB'], region: ['BC', 'C'] }) },
      'CODE_RULE_AMBIGUOUS',
      /"ABC001".*\{type\}=AB \{region\}=C.*\{type\}=A \{region\}=BC|"ABC001".*\{type\}=A \{region\}=BC.*\{type\}=AB \{region\}=C/,
    ],
    // a value ending in digits right before a widening serial
    ['{type}{serial:3|overflow:widen}', { values: valuesOf({ type: ['A', 'A1'] }) }, 'CODE_RULE_AMBIGUOUS', /A1/],
    ['{type}{serial:3|overflow:widen|per:none}', {}, 'CODE_RULE_AMBIGUOUS'],
    ['{serial:2|overflow:widen}{date:yy}{type}', {}, 'CODE_RULE_AMBIGUOUS'],
    // codes outside the format a typed code obeys, naming the token
    ['K#{serial:3}', {}, 'CODE_RULE_FORMAT_CHARS', /"K#" contains "#"/],
    ['-{serial:3}', {}, 'CODE_RULE_FORMAT_START', /literal "-"/],
    [`${'A'.repeat(45)}{serial:3}`, {}, 'CODE_RULE_TOO_LONG', /reach 48 characters.*A{45} alone takes 45/],
    [
      '{type}-{serial:5}',
      { values: valuesOf({ type: ['零售'] }) },
      'CODE_RULE_FORMAT_CHARS',
      /\{type\} can print.*零售/,
    ],
    ['{type|right:1}{serial:3}', { values: valuesOf({ type: ['B-'] }) }, 'CODE_RULE_FORMAT_START', /can print -/],
    [
      '{class}-{date:yyyymmdd}-{region}-{serial:18}',
      { levels: { class: [2, 3, 4], region: [2, 2] } },
      'CODE_RULE_TOO_LONG',
      /reach 42 characters.*\{serial:18\} alone takes 18/,
    ],
    [
      '{region|map:简称}{serial:3}',
      { maps: [{ name: '简称', entries: [{ value: '北京', short: '京' }] }] },
      'CODE_RULE_MAP_FORMAT',
      /"简称".*北京 → 京/,
    ],
  ])('%s (%s)', (t, ctx, code, message) => {
    const issues = check(t, ctx)
    expect(codes(issues)).toContain(code)
    for (const i of issues) {
      expect(i.message.zh.length).toBeGreaterThan(0)
      expect(i.message.en.length).toBeGreaterThan(0)
    }
    if (message) expect(issues.map((i) => i.message.en).join('\n')).toMatch(message)
  })

  it('refuses bad numbers in the structured form', () => {
    const p: CodePattern = {
      segments: [{ kind: 'serial', width: 3, start: -1, step: 1.5, overflow: 'refuse', per: null }],
    }
    expect(codes(checkRule(p, {})).sort()).toEqual(['CODE_RULE_SERIAL_START', 'CODE_RULE_SERIAL_STEP'])
  })

  it('reports every problem at once', () => {
    const issues = check('{check}A B{class:4}{region|map:X}', { maps: [], levels: { class: [2, 2] } })
    expect(codes(issues).sort()).toEqual([
      'CODE_RULE_CHECK_NOT_LAST',
      'CODE_RULE_LEVEL_UNKNOWN',
      'CODE_RULE_LITERAL_CHARS',
      'CODE_RULE_MAP_UNKNOWN',
      'CODE_RULE_NO_SERIAL',
    ])
  })

  it('the ambiguity it names is real: two customers get the same code', () => {
    const p = parsePattern('{type}{region}{serial:3}')
    const a = renderCode(p, { date: '2023-10-01', fields: { type: { code: 'A' }, region: { code: 'BC' } } }, [], 1)
    const b = renderCode(p, { date: '2023-10-01', fields: { type: { code: 'AB' }, region: { code: 'C' } } }, [], 1)
    expect(a).toBe(b)
  })
})

describe('checkRule with known values', () => {
  it('accepts adjacent fields whose values never print alike', () => {
    expect(check('{type}{region}{serial:3}', { values: valuesOf({ type: ['A', 'B'], region: ['BC', 'C'] }) })).toEqual(
      [],
    )
  })

  it('accepts a cut or map that stays one-to-one on the real values', () => {
    expect(check('{region|left:2}-{serial:3}', { values: valuesOf({ region: ['BJ01', 'SH01'] }) })).toEqual([])
    expect(
      check('{class|left:2}{serial:3|per:class:1}', {
        values: valuesOf({
          class: [
            { code: '0101', path: ['01', '0101'] },
            { code: '0102', path: ['01', '0102'] },
          ],
        }),
      }),
    ).toEqual([])
  })

  it('accepts a widening serial after values without trailing digits', () => {
    expect(check('{type}{serial:3|overflow:widen}', { values: valuesOf({ type: ['A', 'B1X'] }) })).toEqual([])
  })
})

describe('checkRule against other active rules', () => {
  it('refuses two rules that both print five digits, naming the rule and a sample', () => {
    const issues = check('{serial:5}', {
      otherRules: [{ name: '年度', pattern: parsePattern('{date:yyyy}{serial:1}') }],
    })
    expect(codes(issues)).toEqual(['CODE_RULE_COLLISION'])
    const m = /both can produce "(\d{5})"/.exec(issues[0]?.message.en ?? '')
    expect(m).not.toBeNull()
    expect(issues[0]?.message.en).toContain('"年度"')
    expect(issues[0]?.message.zh).toContain('年度')
  })

  it('uses the real type codes', () => {
    const other = [{ name: 'VIP', pattern: parsePattern('VIP{serial:3}') }]
    expect(codes(check('{type}{serial:3}', { otherRules: other, values: valuesOf({ type: ['RT', 'WH'] }) }))).toEqual(
      [],
    )
    const issues = check('{type}{serial:3}', { otherRules: other, values: valuesOf({ type: ['RT', 'VIP'] }) })
    expect(codes(issues)).toEqual(['CODE_RULE_COLLISION'])
    expect(issues[0]?.message.en).toMatch(/"VIP\d{3}"/)
  })

  it('accepts rules that cannot meet', () => {
    const otherRules = [
      { name: 'a', pattern: parsePattern('{serial:5}') },
      { name: 'b', pattern: parsePattern('{date:yyyymmdd}-{serial:5}') },
    ]
    expect(check('{type}-{serial:3}', { otherRules })).toEqual([])
    expect(check('{serial:6}', { otherRules })).toEqual([])
  })

  it('compares checked rules by their bodies and shows a real sample', () => {
    const issues = check('A{serial:3}{check}', {
      otherRules: [{ name: 't', pattern: parsePattern('{type}{serial:3}{check}') }],
      values: valuesOf({ type: ['A'] }),
    })
    expect(codes(issues)).toEqual(['CODE_RULE_COLLISION'])
    const sample = /both can produce "([^"]+)"/.exec(issues[0]?.message.en ?? '')?.[1] ?? ''
    expect(sample).toMatch(/^A\d{3}[0-9A-Z]$/)
    expect(verifyCheckCharacter(sample)).toBe(true)
  })
})

describe('property: accepted rules give every state its own code', () => {
  it('distinct (scope, serial) never render alike under an accepted rule, and parseCode reads the serial back', () => {
    let accepted = 0
    let rendered = 0
    let collidingRefused = 0
    let outOfFormatRefused = 0
    fc.assert(
      fc.property(universeArb, rulePatternArb, (u, p) => {
        const values = (ref: FieldRef) => u.values[fieldKey(baseFieldRef(ref))]
        const ctx: RuleContext = { values, maps: u.maps, levels: { class: [2, 2] } }
        const ok = checkRule(p, ctx).length === 0
        const s = serialSegments(p)[0]
        if (!s) throw new Error('the generator always adds a serial')
        const serials = [0, 1, 2, 3].map((k) => s.start + k * s.step)
        // For widening rules, the first serials past 10^width as well.
        const past = s.start + Math.ceil((10 ** s.width - s.start) / s.step) * s.step
        if (s.overflow === 'widen') serials.push(past, past + s.step)
        const seen = new Map<string, string>()
        let collision: string | null = null
        for (const v of records(u, p, requiredFields(p)))
          for (const n of serials) {
            let code: string
            let state: string
            try {
              code = renderCode(p, v, u.maps, n)
              state = `${scopeKey(p, v, u.maps)}#${n}`
            } catch (e) {
              if (e instanceof AppError) continue
              throw e
            }
            if (!ok && codeFormatProblem(code)) outOfFormatRefused++
            const prev = seen.get(code)
            if (prev !== undefined && prev !== state) collision ??= `${code} from ${prev} and ${state}`
            seen.set(code, state)
            if (ok) {
              rendered++
              expect(parseCode(p, code, u.maps, values)?.serial).toBe(n)
              // Every generated code obeys the format typed codes obey, and the audit's verdict finds nothing.
              expect(codeFormatProblem(code), code).toBeNull()
              expect(judgeTypedCode({ name: 'R', pattern: p }, code, u.maps, undefined, values)).toEqual({
                kind: 'fits',
                serial: n,
              })
              expect(judgeTypedCode({ name: 'R', pattern: p }, code, u.maps, v).kind).toBe('fits')
            }
          }
        if (ok) accepted++
        else if (collision) collidingRefused++
        expect(ok && collision, printPatternSafe(p)).toBeFalsy()
      }),
      { numRuns: 300 },
    )
    // Not vacuous: many rules pass, and the generator does produce colliding rules that get refused.
    expect(accepted).toBeGreaterThan(40)
    expect(rendered).toBeGreaterThan(1000) // the rules are random: one CI run saw 1,862; 1,000 still proves it compared codes
    expect(collidingRefused).toBeGreaterThan(10)
    expect(outOfFormatRefused).toBeGreaterThan(10)
  })
})

function printPatternSafe(p: CodePattern): string {
  return JSON.stringify(p)
}
