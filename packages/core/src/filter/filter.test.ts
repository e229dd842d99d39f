import { describe, expect, it } from 'vitest'
import { Filter, filterSize } from './filter.js'
import { schemeWords } from './filter-fields.js'

const cond = { field: 'name', op: 'contains', value: '华' } as const
const nest = (depth: number): unknown => (depth === 1 ? { all: [cond] } : { any: [nest(depth - 1)] })

describe('Filter schema', () => {
  it('accepts groups, conditions and nesting', () => {
    const f = {
      all: [
        { field: 'class', op: 'under', value: '01' },
        {
          any: [
            { field: 'attr.LEVEL', op: 'in', value: ['A', 'B'] },
            { field: 'phone', op: 'empty' },
          ],
        },
      ],
    }
    expect(Filter.parse(f)).toEqual(f)
    expect(Filter.parse({ all: [] })).toEqual({ all: [] })
  })

  it.each([
    [{}],
    [{ all: [], any: [] }],
    [{ all: [{ field: 'name', op: 'like', value: 'x' }] }],
    [{ all: [{ field: 'name', op: 'in', value: 'x' }] }],
    [{ all: [{ field: 'name', op: 'eq' }] }],
    [{ all: [{ field: 'name', op: 'eq', value: ['a'] }] }],
    [{ all: [{ field: 'name', op: 'eq', value: { a: 1 } }] }],
    [{ all: [{ field: '', op: 'eq', value: 'a' }] }],
    [{ all: [{ field: 'name', op: 'eq', value: 'a', extra: 1 }] }],
  ])('refuses %j', (f) => {
    expect(Filter.safeParse(f).success).toBe(false)
  })

  it('limits depth to 5 and conditions to 50', () => {
    expect(Filter.safeParse(nest(5)).success).toBe(true)
    expect(Filter.safeParse(nest(6)).success).toBe(false)
    expect(Filter.safeParse({ all: Array(50).fill(cond) }).success).toBe(true)
    expect(Filter.safeParse({ all: Array(51).fill(cond) }).success).toBe(false)
    expect(filterSize({ all: [cond, { any: [cond, cond] }] })).toEqual({ depth: 2, conditions: 3 })
  })
})

describe('schemeWords', () => {
  it('names a built-in scheme in English by its label, a user scheme by its own name', () => {
    expect(schemeWords({ code: 'type', name: '客户类型' })).toEqual({ zh: '客户类型', en: 'Customer type' })
    expect(schemeWords({ code: 'region', name: '销售区域' })).toEqual({ zh: '销售区域', en: 'Region' })
    expect(schemeWords({ code: 'channel', name: '渠道' })).toEqual({ zh: '渠道', en: '渠道' })
  })
})
