import { describe, expect, it } from 'vitest'
import { AMOUNT, LEVEL, makeDef, TAGS } from '../attributes/attribute-def.test-helpers.js'
import type { Condition, Filter } from './filter.js'
import { CUSTOMER_FILTER_FIELD_NAMES } from './filter-fields.js'
import { validateFilter } from './validate-filter.js'

const VAT = makeDef({ code: 'VAT', name: '一般纳税人', type: 'boolean' })
const SINCE = makeDef({ code: 'SINCE', name: '合作起始', type: 'date' })
const known = {
  fields: CUSTOMER_FILTER_FIELD_NAMES,
  schemes: ['type', 'class', 'region', 'industry', 'VALUE'],
  attributes: [AMOUNT, LEVEL, TAGS, VAT, SINCE],
}
const check = (c: Condition) => validateFilter({ all: [c] }, known).map((i) => i.code)

describe('validateFilter', () => {
  it.each<Condition>([
    { field: 'name', op: 'contains', value: '华信' },
    { field: 'status', op: 'in', value: ['active', 'disabled'] },
    { field: 'creditLimitCents', op: 'gte', value: 1000000 },
    { field: 'creditLimitCents', op: 'lt', value: '1,000,000' },
    { field: 'registrationDate', op: 'gte', value: '2023-01-01' },
    { field: 'createdAt', op: 'lt', value: '2023-01-01T00:00:00Z' },
    { field: 'class', op: 'under', value: '01' },
    { field: 'class', op: 'under', value: ['01', '02'] },
    { field: 'region', op: 'is', value: 'HBBJ' },
    { field: 'scheme:VALUE', op: 'eq', value: 'A' },
    { field: 'industry', op: 'empty' },
    { field: 'attr.AMOUNT', op: 'gt', value: '12.34' },
    { field: 'attr.LEVEL', op: 'in', value: ['A', 'B'] },
    { field: 'attr.LEVEL', op: 'eq', value: null },
    { field: 'attr.TAGS', op: 'contains', value: ['vip', 'gov'] },
    { field: 'attr.VAT', op: 'eq', value: true },
    { field: 'attr.SINCE', op: 'lte', value: '2020-12-31' },
    { field: 'phone', op: 'notEmpty' },
  ])('accepts %j', (c) => {
    expect(check(c)).toEqual([])
  })

  it.each<[Condition, string]>([
    [{ field: 'nmae', op: 'eq', value: 'x' }, 'FILTER_UNKNOWN_FIELD'],
    [{ field: 'na me', op: 'eq', value: 'x' }, 'FILTER_UNKNOWN_FIELD'],
    [{ field: 'scheme:NOPE', op: 'under', value: 'x' }, 'FILTER_UNKNOWN_SCHEME'],
    [{ field: 'attr.NOPE', op: 'eq', value: 'x' }, 'FILTER_UNKNOWN_ATTRIBUTE'],
    [{ field: 'name', op: 'under', value: 'x' }, 'FILTER_OP_MISMATCH'],
    [{ field: 'name', op: 'gt', value: 'x' }, 'FILTER_OP_MISMATCH'],
    [{ field: 'class', op: 'contains', value: '01' }, 'FILTER_OP_MISMATCH'],
    [{ field: 'class', op: 'gt', value: '01' }, 'FILTER_OP_MISMATCH'],
    [{ field: 'attr.VAT', op: 'gt', value: true }, 'FILTER_OP_MISMATCH'],
    [{ field: 'attr.LEVEL', op: 'contains', value: 'A' }, 'FILTER_OP_MISMATCH'],
    [{ field: 'creditLimitCents', op: 'contains', value: '1' }, 'FILTER_OP_MISMATCH'],
    [{ field: 'status', op: 'in', value: [] }, 'FILTER_VALUE_LIST'],
    [{ field: 'status', op: 'in', value: 'active' }, 'FILTER_VALUE_LIST'],
    [{ field: 'name', op: 'eq' }, 'FILTER_VALUE_MISSING'],
    [{ field: 'name', op: 'eq', value: ['a'] }, 'FILTER_VALUE_MISSING'],
    [{ field: 'class', op: 'under', value: [] }, 'FILTER_VALUE_MISSING'],
    [{ field: 'creditLimitCents', op: 'gt', value: 'lots' }, 'FILTER_VALUE_TYPE'],
    [{ field: 'creditLimitCents', op: 'gt', value: '10.5' }, 'FILTER_VALUE_DECIMALS'],
    [{ field: 'attr.AMOUNT', op: 'gt', value: '1.234' }, 'FILTER_VALUE_DECIMALS'],
    [{ field: 'registrationDate', op: 'gt', value: '2023/1/1' }, 'FILTER_VALUE_TYPE'],
    [{ field: 'registrationDate', op: 'gt', value: '2023-02-30' }, 'FILTER_VALUE_TYPE'],
    [{ field: 'registrationDate', op: 'gt', value: null }, 'FILTER_VALUE_TYPE'],
    [{ field: 'attr.VAT', op: 'eq', value: 'perhaps' }, 'FILTER_VALUE_TYPE'],
    [{ field: 'attr.LEVEL', op: 'eq', value: 'Z' }, 'FILTER_UNKNOWN_OPTION'],
    [{ field: 'attr.TAGS', op: 'in', value: ['vip', 'nope'] }, 'FILTER_UNKNOWN_OPTION'],
    [{ field: 'status', op: 'eq', value: 'deleted' }, 'FILTER_UNKNOWN_VALUE'],
  ])('refuses %j with %s', (c, code) => {
    expect(check(c)).toContain(code)
  })

  it('points at the condition and speaks both languages', () => {
    const f: Filter = {
      all: [{ field: 'name', op: 'eq', value: 'x' }, { any: [{ field: 'attr.VAT', op: 'gt', value: true }] }],
    }
    const [i] = validateFilter(f, known, ['filter'])
    expect(i?.path).toEqual(['filter', 'all', 1, 'any', 0, 'op'])
    expect(i?.message.zh).toContain('「一般纳税人」不支持运算 gt')
    expect(i?.message.en).toContain('"一般纳税人" does not take the operator gt')
  })

  it('respects the allowed field list', () => {
    expect(
      validateFilter({ all: [{ field: 'name', op: 'eq', value: 'x' }] }, { ...known, fields: ['status'] })[0]?.code,
    ).toBe('FILTER_UNKNOWN_FIELD')
  })

  it('checks the limits', () => {
    const c: Condition = { field: 'name', op: 'eq', value: 'x' }
    let deep: Filter = { all: [c] }
    for (let i = 0; i < 5; i++) deep = { any: [deep] }
    expect(validateFilter(deep, known).map((i) => i.code)).toEqual(['FILTER_TOO_DEEP'])
    expect(validateFilter({ all: Array(51).fill(c) }, known).map((i) => i.code)).toEqual(['FILTER_TOO_MANY_CONDITIONS'])
  })
})
