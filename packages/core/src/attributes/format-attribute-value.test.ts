import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AMOUNT, LEVEL, makeDef, TAGS } from './attribute-def.test-helpers.js'
import { attributeIndexKey, sortableNumberKey } from './attribute-index-key.js'
import { formatAttributeValue } from './format-attribute-value.js'

const BOOL = makeDef({ code: 'B', type: 'boolean' })
const REF = makeDef({ code: 'R', type: 'reference', referenceScheme: 'region' })

describe('formatAttributeValue', () => {
  it.each([
    [AMOUNT, 1234, 'zh-CN', '12.34'],
    [AMOUNT, -5, 'zh-CN', '-0.05'],
    [AMOUNT, 0, 'en', '0.00'],
    [LEVEL, 'A', 'zh-CN', '重要'],
    [LEVEL, 'gone', 'zh-CN', 'gone'],
    [TAGS, ['gov', 'vip'], 'zh-CN', '政府、贵宾'],
    [TAGS, ['gov', 'vip'], 'en', '政府, 贵宾'],
    [BOOL, true, 'zh-CN', '是'],
    [BOOL, false, 'zh-CN', '否'],
    [BOOL, true, 'en', 'Yes'],
    [BOOL, false, 'en', 'No'],
    [makeDef({ code: 'D', type: 'date' }), '2023-10-01', 'en', '2023-10-01'],
    [makeDef({ code: 'T', type: 'text' }), 'abc', 'en', 'abc'],
    [REF, 'n-1', 'en', 'n-1'],
    [AMOUNT, null, 'en', ''],
    [TAGS, [], 'en', ''],
  ] as const)('%#: %j → %s', (def, stored, lang, shown) => {
    expect(formatAttributeValue(def, stored, lang)).toBe(shown)
  })

  it('shows references through the label callback', () => {
    expect(formatAttributeValue(REF, 'n-1', 'zh-CN', { referenceLabel: (s, id) => `${s}:${id}` })).toBe('region:n-1')
  })
})

describe('attributeIndexKey', () => {
  it('gives equal keys to equal values', () => {
    const t = makeDef({ code: 'T', type: 'text' })
    expect(attributeIndexKey(t, ' ＡＢＣ  Ltd ')).toBe(attributeIndexKey(t, 'abc ltd'))
    expect(attributeIndexKey(TAGS, ['vip', 'gov'])).toBe(attributeIndexKey(TAGS, ['gov', 'vip', 'gov']))
    expect(attributeIndexKey(BOOL, false)).toBe('0')
    expect(attributeIndexKey(LEVEL, 'A')).toBe('A')
    expect(attributeIndexKey(AMOUNT, null)).toBe('')
  })

  it('orders numbers as text in numeric order', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.maxSafeInteger(), (a, b) => {
        const ka = sortableNumberKey(a)
        const kb = sortableNumberKey(b)
        expect(Math.sign(a - b)).toBe(ka < kb ? -1 : ka > kb ? 1 : 0)
        expect(attributeIndexKey(AMOUNT, a)).toBe(ka)
      }),
    )
    expect(sortableNumberKey(900) < sortableNumberKey(1000)).toBe(true)
  })
})
