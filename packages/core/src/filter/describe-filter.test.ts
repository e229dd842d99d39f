import { describe, expect, it } from 'vitest'
import { AMOUNT, LEVEL, makeDef, TAGS } from '../attributes/attribute-def.test-helpers.js'
import { text } from '../errors.js'
import { describeFilter } from './describe-filter.js'
import type { Condition, Filter } from './filter.js'

const VAT = makeDef({ code: 'VAT', name: '一般纳税人', type: 'boolean' })
const labels = { attributes: [AMOUNT, LEVEL, TAGS, VAT], schemes: { VALUE: text('价值等级', 'Value tier') } }

describe('describeFilter', () => {
  it('reads like the preview', () => {
    const f: Filter = {
      all: [
        { field: 'class', op: 'under', value: '01' },
        { field: 'creditLimitCents', op: 'gte', value: 1000000 },
      ],
    }
    expect(describeFilter(f, 'zh-CN')).toBe('客户分类 属于 01（含下级） 且 信用额度 ≥ 10000.00')
    expect(describeFilter(f, 'en')).toBe('Customer class under 01 (with sub-levels) and Credit limit ≥ 10000.00')
  })

  it.each<[Condition, string, string]>([
    [{ field: 'name', op: 'contains', value: '华信' }, '客户名称 包含 "华信"', 'Name contains "华信"'],
    [{ field: 'name', op: 'startsWith', value: 'abc' }, '客户名称 以 abc 开头', 'Name starts with abc'],
    [{ field: 'status', op: 'eq', value: 'active' }, '状态 = active', 'Status = active'],
    [{ field: 'status', op: 'ne', value: 'active' }, '状态 ≠ active', 'Status ≠ active'],
    [
      { field: 'status', op: 'in', value: ['active', 'disabled'] },
      '状态 为 active、disabled 之一',
      'Status is one of active, disabled',
    ],
    [{ field: 'status', op: 'notIn', value: ['archived'] }, '状态 不为 archived 中任一', 'Status is none of archived'],
    [
      { field: 'registrationDate', op: 'gt', value: '2023-01-01' },
      '建档日期 > 2023-01-01',
      'Registration date > 2023-01-01',
    ],
    [
      { field: 'registrationDate', op: 'lt', value: '2023-01-01' },
      '建档日期 < 2023-01-01',
      'Registration date < 2023-01-01',
    ],
    [
      { field: 'registrationDate', op: 'lte', value: '2023-01-01' },
      '建档日期 ≤ 2023-01-01',
      'Registration date ≤ 2023-01-01',
    ],
    [{ field: 'phone', op: 'empty' }, '电话 为空', 'Phone is empty'],
    [{ field: 'phone', op: 'notEmpty' }, '电话 不为空', 'Phone is not empty'],
    [{ field: 'region', op: 'is', value: 'HBBJ' }, '地区分类 为 HBBJ', 'Region is HBBJ'],
    [{ field: 'region', op: 'eq', value: 'HBBJ' }, '地区分类 为 HBBJ', 'Region is HBBJ'],
    [
      { field: 'class', op: 'under', value: ['01', '02'] },
      '客户分类 属于 01、02（含下级）',
      'Customer class under 01, 02 (with sub-levels)',
    ],
    [{ field: 'scheme:VALUE', op: 'is', value: 'A' }, '价值等级 为 A', 'Value tier is A'],
    [{ field: 'scheme:OTHER', op: 'is', value: 'A' }, 'OTHER 为 A', 'OTHER is A'],
    [
      { field: 'attr.LEVEL', op: 'in', value: ['A', 'B'] },
      '价值等级 为 重要、一般 之一',
      '价值等级 is one of 重要, 一般',
    ],
    [{ field: 'attr.TAGS', op: 'contains', value: 'vip' }, '标签 包含 贵宾', '标签 contains 贵宾'],
    [{ field: 'attr.VAT', op: 'eq', value: true }, '一般纳税人 = 是', '一般纳税人 = Yes'],
    [{ field: 'attr.AMOUNT', op: 'gte', value: '12.5' }, '年采购额 ≥ 12.5', '年采购额 ≥ 12.5'],
    [{ field: 'attr.UNKNOWN', op: 'eq', value: null }, 'UNKNOWN = （空）', 'UNKNOWN = (empty)'],
  ])('%j', (c, zh, en) => {
    expect(describeFilter({ all: [c] }, 'zh-CN', labels)).toBe(zh)
    expect(describeFilter({ all: [c] }, 'en', labels)).toBe(en)
  })

  it('parenthesises nested groups and names empty ones', () => {
    const a: Condition = { field: 'status', op: 'eq', value: 'active' }
    const b: Condition = { field: 'phone', op: 'empty' }
    expect(describeFilter({ all: [a, { any: [a, b] }] }, 'zh-CN')).toBe('状态 = active 且 (状态 = active 或 电话 为空)')
    expect(describeFilter({ any: [{ all: [a] }, b] }, 'en')).toBe('Status = active or Phone is empty')
    expect(describeFilter({ all: [] }, 'zh-CN')).toBe('（全部客户）')
    expect(describeFilter({ any: [] }, 'en')).toBe('(none)')
  })
})
