import { describe, expect, it } from 'vitest'
import { AMOUNT, LEVEL, makeDef, TAGS } from './attribute-def.test-helpers.js'
import { validateAttributes } from './validate-attributes.js'

const NOTE = makeDef({
  code: 'NOTE',
  name: '备注码',
  type: 'text',
  constraints: { minLength: 2, maxLength: 5, pattern: '[A-Z0-9]+' },
})
const SINCE = makeDef({
  code: 'SINCE',
  name: '合作起始',
  type: 'date',
  constraints: { min: '2000-01-01', max: '2030-12-31' },
})
const VAT = makeDef({ code: 'VAT', name: '一般纳税人', type: 'boolean' })
const AREA = makeDef({ code: 'AREA', name: '销售片区', type: 'reference', referenceScheme: 'region' })
const DEFS = [NOTE, SINCE, VAT, AREA, AMOUNT, LEVEL, TAGS]
const ALL = new Set(DEFS.map((d) => d.code))
const nodes: Record<string, string> = { HB: 'n-hb', HBBJ: 'n-hbbj' }
const resolveReference = (scheme: string, v: string) =>
  scheme === 'region' ? (nodes[v] ? { id: nodes[v] } : Object.values(nodes).includes(v) ? { id: v } : null) : null

const one = (code: string, value: unknown, extra: Parameters<typeof validateAttributes>[3] = {}) =>
  validateAttributes(DEFS, ALL, { [code]: value }, { resolveReference, partial: true, ...extra })

describe('validateAttributes: coercion per type', () => {
  it.each([
    ['NOTE', ' AB12 ', 'AB12'],
    ['NOTE', 123, '123'],
    ['SINCE', '2023-10-01', '2023-10-01'],
    ['SINCE', '2023/1/5', '2023-01-05'],
    ['SINCE', '2023年10月1日', '2023-10-01'],
    ['VAT', true, true],
    ['VAT', '是', true],
    ['VAT', 'no', false],
    ['VAT', 0, false],
    ['AMOUNT', '12.34', 1234],
    ['AMOUNT', 12.34, 1234],
    ['AMOUNT', '1,000.5', 100050],
    ['AMOUNT', '0', 0],
    ['LEVEL', 'A', 'A'],
    ['LEVEL', 'a', 'A'],
    ['LEVEL', '一般', 'B'],
    ['TAGS', ['vip', 'gov', 'vip'], ['gov', 'vip']],
    ['TAGS', 'vip，gov', ['gov', 'vip']],
    ['TAGS', ['贵宾'], ['vip']],
    ['AREA', 'HBBJ', 'n-hbbj'],
    ['AREA', 'n-hb', 'n-hb'],
  ])('%s: %j → %j', (code, input, stored) => {
    const r = one(code, input)
    expect(r.issues).toEqual([])
    expect(r.values[code]).toEqual(stored)
  })

  it.each([
    ['NOTE', 'A', 'ATTR_TOO_SHORT'],
    ['NOTE', 'ABCDEF', 'ATTR_TOO_LONG'],
    ['NOTE', 'ab', 'ATTR_PATTERN'],
    ['NOTE', { x: 1 }, 'ATTR_TYPE'],
    ['SINCE', '2023-02-30', 'ATTR_TYPE'],
    ['SINCE', 'yesterday', 'ATTR_TYPE'],
    ['SINCE', '1999-12-31', 'ATTR_TOO_SMALL'],
    ['SINCE', '2031-01-01', 'ATTR_TOO_LARGE'],
    ['VAT', 'maybe', 'ATTR_TYPE'],
    ['AMOUNT', 'twelve', 'ATTR_TYPE'],
    ['AMOUNT', '12.345', 'ATTR_DECIMALS'],
    ['AMOUNT', '-1', 'ATTR_TOO_SMALL'],
    ['AMOUNT', '1000000.01', 'ATTR_TOO_LARGE'],
    ['AMOUNT', 1e21, 'ATTR_TOO_LARGE'],
    ['LEVEL', 'Z', 'ATTR_OPTION_UNKNOWN'],
    ['LEVEL', 'C', 'ATTR_OPTION_DISABLED'],
    ['LEVEL', ['A'], 'ATTR_TYPE'],
    ['TAGS', ['vip', 'nope'], 'ATTR_OPTION_UNKNOWN'],
    ['TAGS', ['old'], 'ATTR_OPTION_DISABLED'],
    ['TAGS', 5 as unknown, 'ATTR_TYPE'],
    ['AREA', 'XX', 'ATTR_REFERENCE_UNKNOWN'],
  ])('%s: %j is refused with %s', (code, input, expected) => {
    const r = one(code, input)
    expect(r.issues.map((i) => i.code)).toContain(expected)
    expect(r.issues[0]?.path).toEqual(['attributes', code])
    expect(code in r.values).toBe(false)
  })

  it('names the attribute in both languages', () => {
    const [i] = one('AMOUNT', '12.345').issues
    expect(i?.message.zh).toContain('「年采购额」')
    expect(i?.message.zh).toContain('2 位小数')
    expect(i?.message.en).toContain('"年采购额"')
  })

  it('keeps a disabled option the customer already holds', () => {
    expect(one('LEVEL', 'C', { previous: { LEVEL: 'C' } }).values.LEVEL).toBe('C')
    expect(one('TAGS', ['old', 'vip'], { previous: { TAGS: ['old'] } }).values.TAGS).toEqual(['old', 'vip'])
  })

  it('cannot check a reference without a resolver', () => {
    const r = validateAttributes(DEFS, ALL, { AREA: 'HB' }, { partial: true })
    expect(r.issues[0]?.code).toBe('ATTR_REFERENCE_UNRESOLVED')
  })

  it('limits the number of chosen options', () => {
    const d = makeDef({ ...TAGS, constraints: { minLength: 2, maxLength: 2 } })
    const run = (v: unknown) =>
      validateAttributes([d], new Set(['TAGS']), { TAGS: v }, { partial: true }).issues[0]?.code
    expect(run(['vip'])).toBe('ATTR_TOO_FEW_OPTIONS')
    expect(run(['vip', 'gov'])).toBeUndefined()
  })
})

describe('validateAttributes: the whole set', () => {
  it('reports every problem at once, per field', () => {
    const r = validateAttributes(DEFS, new Set(['NOTE', 'AMOUNT', 'LEVEL']), {
      NOTE: 'x',
      AMOUNT: 'abc',
      LEVEL: 'Z',
      NOPE: 1,
      VAT: true,
    })
    expect(r.issues.map((i) => [i.path[1], i.code])).toEqual([
      ['NOTE', 'ATTR_TOO_SHORT'],
      ['NOTE', 'ATTR_PATTERN'],
      ['AMOUNT', 'ATTR_TYPE'],
      ['LEVEL', 'ATTR_OPTION_UNKNOWN'],
      ['NOPE', 'ATTR_UNKNOWN'],
      ['VAT', 'ATTR_NOT_APPLICABLE'],
    ])
    expect(r.issues.every((i) => i.message.zh && i.message.en)).toBe(true)
  })

  it('applies defaults and requires what is required', () => {
    const req = makeDef({ code: 'REQ', name: '必填项', type: 'text', required: true })
    const dflt = makeDef({ code: 'D', type: 'number', precision: 1, required: true, defaultValue: '2.5' })
    const defs = [req, dflt, VAT]
    const all = new Set(['REQ', 'D', 'VAT'])
    const r = validateAttributes(defs, all, {})
    expect(r.values).toEqual({ D: 25 })
    expect(r.issues).toHaveLength(1)
    expect(r.issues[0]).toMatchObject({ path: ['attributes', 'REQ'], code: 'ATTR_REQUIRED' })
    expect(r.issues[0]?.message.zh).toContain('必填项')
    // An explicit blank on a required attribute is refused, not defaulted.
    expect(validateAttributes(defs, all, { REQ: 'x', D: ' ' }).issues[0]?.code).toBe('ATTR_REQUIRED')
  })

  it('leaves a required attribute that does not apply alone', () => {
    const req = makeDef({ code: 'REQ', type: 'text', required: true })
    expect(validateAttributes([req], new Set(), {})).toEqual({ values: {}, issues: [] })
  })

  it('in partial mode touches only what is given, and null clears', () => {
    const r = validateAttributes(DEFS, ALL, { NOTE: null, VAT: false }, { partial: true })
    expect(r).toEqual({ values: { NOTE: null, VAT: false }, issues: [] })
    const req = makeDef({ code: 'REQ', type: 'text', required: true })
    expect(validateAttributes([req], new Set(['REQ']), {}, { partial: true }).issues).toEqual([])
    expect(validateAttributes([req], new Set(['REQ']), { REQ: null }, { partial: true }).issues[0]?.code).toBe(
      'ATTR_REQUIRED',
    )
  })

  it('refuses new values for a disabled attribute and keeps old ones', () => {
    const off = makeDef({ code: 'OFF', type: 'text', enabled: false })
    const set = new Set(['OFF'])
    expect(validateAttributes([off], set, { OFF: 'new' }).issues[0]?.code).toBe('ATTR_DISABLED')
    expect(validateAttributes([off], set, { OFF: 'old' }, { previous: { OFF: 'old' } })).toEqual({
      values: { OFF: 'old' },
      issues: [],
    })
    expect(validateAttributes([off], set, {}, { previous: { OFF: 'old' } }).values).toEqual({ OFF: 'old' })
  })

  it('drops empty values for attributes that do not apply', () => {
    expect(validateAttributes(DEFS, new Set(), { VAT: null })).toEqual({ values: {}, issues: [] })
  })

  it('refuses a non-object', () => {
    expect(validateAttributes(DEFS, ALL, [] as unknown as Record<string, unknown>).issues[0]?.code).toBe('ATTR_TYPE')
  })
})
