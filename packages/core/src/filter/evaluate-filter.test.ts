import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AMOUNT, TAGS } from '../attributes/attribute-def.test-helpers.js'
import { evaluateFilter, type FilterSubject } from './evaluate-filter.js'
import type { Condition, Filter, FilterNode } from './filter.js'

const subject: FilterSubject = {
  fields: {
    name: '北京华信科技有限公司',
    shortName: 'ＨＵＡＸＩＮ Tech',
    status: 'active',
    uscc: null,
    phone: '',
    creditLimitCents: 1_000_000,
    registrationDate: '2023-10-01',
    accountManagerId: 'u-1',
    department: 'Sales East',
  },
  classes: {
    class: { code: '01002', path: ['01', '01002'] },
    region: { code: 'HBBJ', path: ['HB', 'HBBJ'] },
    type: { code: 'V', path: ['V'] },
    industry: undefined,
  },
  attributes: { AMOUNT: 1234, TAGS: ['gov', 'vip'], VAT: true, LEVEL: 'A', SINCE: '2020-05-01' },
}
const ev = (field: string, op: Condition['op'], value?: Condition['value']) =>
  evaluateFilter({ all: [{ field, op, ...(value === undefined ? {} : { value }) }] }, subject, {
    attributes: [AMOUNT, TAGS],
  })

describe('evaluateFilter: operators by type', () => {
  it.each<[string, Condition['op'], Condition['value'] | undefined, boolean]>([
    // text
    ['name', 'eq', '北京华信科技有限公司', true],
    ['name', 'eq', ' 北京华信科技有限公司 ', true],
    ['name', 'eq', '北京', false],
    ['name', 'ne', '北京', true],
    ['name', 'in', ['x', '北京华信科技有限公司'], true],
    ['name', 'notIn', ['x', 'y'], true],
    ['name', 'contains', '华信', true],
    ['name', 'contains', '上海', false],
    ['shortName', 'contains', 'huaxin', true],
    ['shortName', 'startsWith', 'HuaXin', true],
    ['shortName', 'eq', 'huaxin tech', true],
    ['department', 'startsWith', 'sales', true],
    ['name', 'empty', undefined, false],
    ['name', 'notEmpty', undefined, true],
    ['phone', 'empty', undefined, true],
    ['uscc', 'empty', undefined, true],
    ['uscc', 'notEmpty', undefined, false],
    ['uscc', 'eq', 'X', false],
    ['uscc', 'ne', 'X', true],
    ['uscc', 'notIn', ['X'], true],
    ['uscc', 'contains', 'X', false],
    ['uscc', 'eq', null, true],
    ['missingField', 'empty', undefined, true],
    // codes
    ['status', 'eq', 'active', true],
    ['status', 'eq', 'ACTIVE', false],
    ['status', 'in', ['active', 'disabled'], true],
    ['status', 'notIn', ['active'], false],
    ['accountManagerId', 'startsWith', 'u-', true],
    // money (cents) and numbers
    ['creditLimitCents', 'gte', 1_000_000, true],
    ['creditLimitCents', 'gt', 1_000_000, false],
    ['creditLimitCents', 'gt', '900000', true],
    ['creditLimitCents', 'lt', '9000000', true],
    ['creditLimitCents', 'lte', 999_999, false],
    ['creditLimitCents', 'eq', '1,000,000', true],
    ['creditLimitCents', 'in', [1, 1_000_000], true],
    ['attr.AMOUNT', 'eq', '12.34', true],
    ['attr.AMOUNT', 'eq', 12.34, true],
    ['attr.AMOUNT', 'gt', '12.3', true],
    ['attr.AMOUNT', 'gt', 12.34, false],
    ['attr.AMOUNT', 'lt', '100', true],
    ['attr.AMOUNT', 'gte', '12.345', false],
    ['attr.AMOUNT', 'lte', '12.345', true],
    ['attr.AMOUNT', 'gt', 'abc', false],
    ['attr.MISSING', 'gt', 1, false],
    ['attr.MISSING', 'lt', 1, false],
    // dates
    ['registrationDate', 'gte', '2023-10-01', true],
    ['registrationDate', 'gt', '2023-10-01', false],
    ['registrationDate', 'lt', '2023-12-31', true],
    ['attr.SINCE', 'lt', '2021-01-01', true],
    ['attr.SINCE', 'eq', '2020-05-01', true],
    // booleans
    ['attr.VAT', 'eq', true, true],
    ['attr.VAT', 'eq', false, false],
    ['attr.VAT', 'ne', false, true],
    ['attr.VAT', 'eq', 'true', true],
    // single choice (inferred as text without a definition: case-insensitive)
    ['attr.LEVEL', 'in', ['A', 'B'], true],
    ['attr.LEVEL', 'notIn', ['B'], true],
    // multi choice
    ['attr.TAGS', 'contains', 'vip', true],
    ['attr.TAGS', 'contains', ['vip', 'gov'], true],
    ['attr.TAGS', 'contains', ['vip', 'x'], false],
    ['attr.TAGS', 'in', ['x', 'gov'], true],
    ['attr.TAGS', 'notIn', ['x', 'gov'], false],
    ['attr.TAGS', 'notIn', ['x'], true],
    ['attr.TAGS', 'eq', 'vip', false],
    ['attr.TAGS', 'ne', 'vip', true],
    ['attr.TAGS', 'empty', undefined, false],
    // schemes
    ['class', 'under', '01', true],
    ['class', 'under', '01002', true],
    ['class', 'under', '02', false],
    ['class', 'under', ['02', '01'], true],
    ['class', 'is', '01', false],
    ['class', 'is', '01002', true],
    ['class', 'eq', '01002', true],
    ['class', 'ne', '01', true],
    ['class', 'in', ['01001', '01002'], true],
    ['class', 'notIn', ['01001'], true],
    ['region', 'under', 'HB', true],
    ['region', 'under', 'ＨＢ', true],
    ['region', 'under', 'HD', false],
    ['type', 'is', 'V', true],
    ['industry', 'empty', undefined, true],
    ['industry', 'notEmpty', undefined, false],
    ['industry', 'under', '01', false],
    ['industry', 'ne', '01', true],
    ['scheme:VALUE', 'empty', undefined, true],
    ['class', 'empty', undefined, false],
    ['class', 'contains', '01', false],
  ])('%s %s %j → %s', (field, op, value, expected) => {
    expect(ev(field, op, value)).toBe(expected)
  })

  it('reads user-defined schemes as scheme:CODE', () => {
    const s = { ...subject, classes: { VALUE: { code: 'A1', path: ['A', 'A1'] } } }
    expect(evaluateFilter({ all: [{ field: 'scheme:VALUE', op: 'under', value: 'A' }] }, s)).toBe(true)
    expect(evaluateFilter({ all: [{ field: 'scheme:VALUE', op: 'is', value: 'A' }] }, s)).toBe(false)
  })

  it('combines with all and any', () => {
    const yes = { field: 'status', op: 'eq', value: 'active' } as const
    const no = { field: 'status', op: 'eq', value: 'archived' } as const
    expect(evaluateFilter({ all: [yes, no] }, subject)).toBe(false)
    expect(evaluateFilter({ any: [yes, no] }, subject)).toBe(true)
    expect(evaluateFilter({ all: [yes, { any: [no, yes] }] }, subject)).toBe(true)
  })
})

// Properties over a tiny universe of boolean conditions.
const T: Condition = { field: 'status', op: 'eq', value: 'active' }
const F: Condition = { field: 'status', op: 'eq', value: 'archived' }
const arbFilter: fc.Arbitrary<Filter> = fc.letrec<{ node: FilterNode; filter: Filter }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constantFrom(T, F), tie('filter')),
  filter: fc.oneof(
    fc.array(tie('node'), { maxLength: 4 }).map((all) => ({ all })),
    fc.array(tie('node'), { maxLength: 4 }).map((any) => ({ any })),
  ),
})).filter
const e = (f: Filter) => evaluateFilter(f, subject)

describe('evaluateFilter: laws', () => {
  it('all([]) is true, any([]) is false', () => {
    expect(e({ all: [] })).toBe(true)
    expect(e({ any: [] })).toBe(false)
  })

  it('all-in-all equals the flattened all; any-in-any the flattened any', () => {
    fc.assert(
      fc.property(fc.array(arbFilter, { maxLength: 3 }), fc.array(arbFilter, { maxLength: 3 }), (a, b) => {
        expect(e({ all: [{ all: a }, ...b] })).toBe(e({ all: [...a, ...b] }))
        expect(e({ any: [{ any: a }, ...b] })).toBe(e({ any: [...a, ...b] }))
      }),
    )
  })

  it('a group of one is its member; order does not matter', () => {
    fc.assert(
      fc.property(arbFilter, fc.array(arbFilter, { maxLength: 4 }), (f, fs) => {
        expect(e({ all: [f] })).toBe(e(f))
        expect(e({ any: [f] })).toBe(e(f))
        expect(e({ all: fs })).toBe(e({ all: [...fs].reverse() }))
        expect(e({ any: fs })).toBe(e({ any: [...fs].reverse() }))
      }),
    )
  })

  it('De Morgan-free duality: all is every, any is some', () => {
    fc.assert(
      fc.property(fc.array(arbFilter, { maxLength: 5 }), (fs) => {
        expect(e({ all: fs })).toBe(fs.every(e))
        expect(e({ any: fs })).toBe(fs.some(e))
      }),
    )
  })
})

// A code path: level codes built by appending segments, as a level scheme does.
const arbPath = fc
  .array(fc.stringMatching(/^[A-Z0-9]{1,3}$/), { minLength: 1, maxLength: 5 })
  .map((segs) => segs.map((_, i) => segs.slice(0, i + 1).join('')))
const node = (path: string[]) => ({ code: path[path.length - 1] as string, path })
const under = (path: string[], code: string) =>
  evaluateFilter(
    { all: [{ field: 'class', op: 'under', value: code }] },
    { fields: {}, attributes: {}, classes: { class: node(path) } },
  )

describe('under', () => {
  it('is reflexive: a node is under itself', () => {
    fc.assert(
      fc.property(arbPath, (p) => {
        expect(under(p, p[p.length - 1] as string)).toBe(true)
      }),
    )
  })

  it('is transitive: under a node that is under another means under that other', () => {
    fc.assert(
      fc.property(arbPath, fc.nat(), fc.nat(), (p, i, j) => {
        const a = i % p.length
        const b = Math.min(a, j % p.length)
        const mid = p.slice(0, a + 1)
        // p is under mid's node, mid is under p[b]: so p is under p[b].
        expect(under(p, mid[mid.length - 1] as string)).toBe(true)
        expect(under(mid, p[b] as string)).toBe(true)
        expect(under(p, p[b] as string)).toBe(true)
      }),
    )
  })

  it('does not reach below: an ancestor is not under its descendant', () => {
    fc.assert(
      fc.property(arbPath, fc.stringMatching(/^[a-z]{1,2}$/), (p, extra) => {
        const child = `${p[p.length - 1]}${extra}`
        expect(under(p, child)).toBe(false)
        expect(under([...p, child], p[0] as string)).toBe(true)
      }),
    )
  })

  it('is exactly is for leaves without ancestors in the filter', () => {
    fc.assert(
      fc.property(arbPath, (p) => {
        const code = p[p.length - 1] as string
        const s = { fields: {}, attributes: {}, classes: { class: node(p) } }
        expect(evaluateFilter({ all: [{ field: 'class', op: 'is', value: code }] }, s)).toBe(true)
      }),
    )
  })
})
