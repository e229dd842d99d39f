import { describe, expect, it } from 'vitest'
import { isAppError } from '../errors.js'
import { AMOUNT, LEVEL, makeDef, TAGS } from './attribute-def.test-helpers.js'
import { planAttributeChange } from './plan-attribute-change.js'

const rows = (...values: unknown[]) => values.map((value, i) => ({ customerId: `c${i}`, code: `K${i}`, value }))
const thrown = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return isAppError(e) ? e : null
  }
  return null
}

describe('planAttributeChange', () => {
  it('text → number lists every value that is not numeric and rewrites the rest', () => {
    const oldDef = makeDef({ code: 'X', type: 'text' })
    const newDef = makeDef({ code: 'X', type: 'number', precision: 1 })
    const plan = planAttributeChange(oldDef, newDef, rows('12.5', 'abc', null, '7', 'x1'))
    expect(plan.conflicts.map((c) => [c.customerId, c.code, c.value])).toEqual([
      ['c1', 'K1', 'abc'],
      ['c4', 'K4', 'x1'],
    ])
    expect(plan.conflicts[0]?.reason.en).toContain('must be a number')
    expect(plan.rewrites).toEqual([
      { customerId: 'c0', code: 'K0', from: '12.5', to: 125 },
      { customerId: 'c3', code: 'K3', from: '7', to: 70 },
    ])
    expect(plan.storedDefault).toBeNull()
  })

  it('a precision decrease conflicts where digits would be lost', () => {
    const plan = planAttributeChange(AMOUNT, { ...AMOUNT, precision: 0 }, rows(1200, 1234, 5))
    expect(plan.conflicts.map((c) => c.value)).toEqual([1234, 5])
    expect(plan.conflicts[0]?.reason.zh).toContain('0 位小数')
    expect(plan.rewrites).toEqual([{ customerId: 'c0', code: 'K0', from: 1200, to: 12 }])
  })

  it('a precision increase rescales every value', () => {
    const plan = planAttributeChange(AMOUNT, { ...AMOUNT, precision: 3 }, rows(1234))
    expect(plan).toEqual({
      conflicts: [],
      storedDefault: null,
      rewrites: [{ customerId: 'c0', code: 'K0', from: 1234, to: 12340 }],
    })
  })

  it('removing a used option conflicts; disabling one does not', () => {
    const removed = { ...LEVEL, options: LEVEL.options.filter((o) => o.code !== 'B') }
    expect(planAttributeChange(LEVEL, removed, rows('A', 'B', 'B')).conflicts.map((c) => c.customerId)).toEqual([
      'c1',
      'c2',
    ])
    const disabled = { ...LEVEL, options: LEVEL.options.map((o) => ({ ...o, enabled: o.code !== 'B' })) }
    expect(planAttributeChange(LEVEL, disabled, rows('A', 'B')).conflicts).toEqual([])
    const tagsRemoved = { ...TAGS, options: TAGS.options.filter((o) => o.code !== 'gov') }
    expect(
      planAttributeChange(TAGS, tagsRemoved, rows(['gov', 'vip'], ['vip'])).conflicts.map((c) => c.customerId),
    ).toEqual(['c0'])
  })

  it('tightened constraints list the values outside them', () => {
    const oldDef = makeDef({ code: 'T', type: 'text' })
    const newDef = makeDef({ code: 'T', type: 'text', constraints: { maxLength: 3, pattern: '[A-Z]+' } })
    const plan = planAttributeChange(oldDef, newDef, rows('ABC', 'ABCD', 'ab'))
    expect(plan.conflicts.map((c) => c.value)).toEqual(['ABCD', 'ab'])
    const tighter = { ...AMOUNT, constraints: { min: '0', max: '100' } }
    expect(planAttributeChange(AMOUNT, tighter, rows(10000, 10001)).conflicts.map((c) => c.value)).toEqual([10001])
  })

  it('changes between choice, boolean and text types', () => {
    const single = makeDef({ ...TAGS, type: 'single-choice' })
    expect(planAttributeChange(TAGS, single, rows(['vip'], ['gov', 'vip'])).conflicts.map((c) => c.customerId)).toEqual(
      ['c1'],
    )
    const multi = makeDef({ ...LEVEL, type: 'multi-choice' })
    expect(planAttributeChange(LEVEL, multi, rows('A')).rewrites[0]?.to).toEqual(['A'])
    const bool = makeDef({ code: 'B', type: 'boolean' })
    const asText = makeDef({ code: 'B', type: 'text' })
    expect(planAttributeChange(bool, asText, rows(true)).rewrites[0]?.to).toBe('true')
    expect(planAttributeChange(asText, bool, rows('是', 'maybe')).conflicts.map((c) => c.value)).toEqual(['maybe'])
    expect(
      planAttributeChange(AMOUNT, makeDef({ ...AMOUNT, type: 'text', precision: 0, constraints: {} }), rows(1234))
        .rewrites[0]?.to,
    ).toBe('12.34')
  })

  it('a reference cannot become another type; text becomes a reference through the resolver', () => {
    const ref = makeDef({ code: 'R', type: 'reference', referenceScheme: 'region' })
    const asText = makeDef({ code: 'R', type: 'text' })
    expect(planAttributeChange(ref, asText, rows('n-1')).conflicts).toHaveLength(1)
    const plan = planAttributeChange(asText, ref, rows('HB', 'ZZ'), {
      resolveReference: (_s, v) => (v === 'HB' ? { id: 'n-hb' } : null),
    })
    expect(plan.conflicts.map((c) => c.value)).toEqual(['ZZ'])
    expect(plan.rewrites[0]?.to).toBe('n-hb')
  })

  it('a new required attribute needs no default and invents no value; a default is read in its stored form', () => {
    const req = makeDef({ code: 'LVL', name: '等级', type: 'single-choice', options: LEVEL.options, required: true })
    expect(planAttributeChange(null, req, [])).toEqual({ conflicts: [], storedDefault: null, rewrites: [] })
    const opt = { ...req, required: false }
    expect(planAttributeChange(opt, req, rows('A', null))).toEqual({ conflicts: [], storedDefault: null, rewrites: [] })
    expect(planAttributeChange(null, { ...req, defaultValue: '一般' }, []).storedDefault).toBe('B')
    expect(planAttributeChange(AMOUNT, { ...AMOUNT, required: true, defaultValue: '1.5' }, []).storedDefault).toBe(150)
    const bad = thrown(() => planAttributeChange(null, { ...req, defaultValue: 'nope' }, []))
    expect([bad?.code, bad?.issues[0]?.path]).toEqual(['ATTR_DEF_INVALID', ['defaultValue']])
  })

  it('refuses an unsound definition and a code change of a used attribute', () => {
    expect(thrown(() => planAttributeChange(null, makeDef({ code: 'R', type: 'reference' }), []))?.code).toBe(
      'ATTR_DEF_INVALID',
    )
    const e = thrown(() => planAttributeChange(AMOUNT, { ...AMOUNT, code: 'OTHER' }, rows(1)))
    expect(e?.code).toBe('ATTR_CODE_IMMUTABLE')
    expect(e?.kind).toBe('conflict')
    expect(planAttributeChange(AMOUNT, { ...AMOUNT, code: 'OTHER' }, []).conflicts).toEqual([])
  })
})
