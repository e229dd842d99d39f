import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { guardCell } from './formula-guard.js'
import type { ImportMapping } from './import-mapping.js'
import { buildImportInput, cleanMoney, nodeLookup, parseImportDate, parseStatusWord } from './import-row.js'

const regions = nodeLookup('地区分类', [
  { id: 'a', code: '01', name: '华北', parentId: null },
  { id: 'b', code: '0101', name: '北京', parentId: 'a' },
  { id: 'c', code: '02', name: '华东', parentId: null },
  { id: 'd', code: '0201', name: '朝阳', parentId: 'c' },
  { id: 'e', code: '0102', name: '朝阳', parentId: 'a' },
])
const mapping = (...targets: (string | null)[]): ImportMapping => ({
  columns: targets.map((target, index) => ({ index, header: `h${index}`, target })),
})
const build = (targets: (string | null)[], cells: string[]) =>
  buildImportInput(cells, mapping(...targets), (t) => (t === 'region' ? regions : undefined))

describe('nodeLookup', () => {
  it('finds a node by code, by name and by name path, and says when a name is ambiguous', () => {
    expect(regions.resolve('0101')).toEqual({ code: '0101' })
    expect(regions.resolve('北京')).toEqual({ code: '0101' })
    expect(regions.resolve('华北/北京')).toEqual({ code: '0101' })
    expect(regions.resolve('华北 ／ 朝阳')).toEqual({ code: '0102' })
    expect(regions.resolve('朝阳')).toEqual({ ambiguous: ['0201', '0102'] })
    expect(regions.resolve('华南')).toBeUndefined()
    expect(regions.resolve('华东/北京')).toBeUndefined()
  })
})

describe('buildImportInput', () => {
  it('turns a row into a customer input: cells un-guarded and trimmed, empty cells left out', () => {
    const { input, issues } = build(
      ['code', 'name', 'phone', 'region', 'scheme:CH', 'attr.scale', null, 'remarks'],
      ['C001', ' 北京甲公司 ', '', '华北/北京', '线上', '大', 'ignored', "'=1+1"],
    )
    expect(issues).toEqual([])
    expect(input).toEqual({
      code: 'C001',
      name: '北京甲公司',
      region: '0101',
      classes: { CH: '线上' },
      attributes: { scale: '大' },
      remarks: '=1+1',
    })
  })

  it('reads dates, money and status words as people write them, and names the column when it cannot', () => {
    expect(build(['registrationDate', 'creditLimit', 'status'], ['2024年3月1日', '¥1,234.5元', '停用']).input).toEqual({
      registrationDate: '2024-03-01',
      creditLimit: '1234.5',
      status: 'disabled',
    })
    const { issues } = build(['name', 'registrationDate', 'status', 'region'], ['x', '2024-02-30', '待定', '朝阳'])
    expect(issues.map((i) => [i.column, i.target, i.code])).toEqual([
      [1, 'registrationDate', 'IMPORT_DATE_INVALID'],
      [2, 'status', 'IMPORT_STATUS_UNKNOWN'],
      [3, 'region', 'IMPORT_CLASS_AMBIGUOUS'],
    ])
    expect(issues[2]!.message.zh).toContain('0201、0102')
  })

  it('gives back every exported value: export guards a cell, import un-guards it', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => s.trim() === s && s !== ''),
        (v) => {
          expect(build(['remarks'], [guardCell(v)]).input.remarks).toBe(v)
        },
      ),
    )
  })
})

describe('value readers', () => {
  it('reads every real date in each written form, and refuses dates that do not exist', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }), (d) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
        const iso = d.toISOString().slice(0, 10)
        for (const s of [iso, `${y}/${m}/${day}`, `${y}年${m}月${day}日`, `${y}.${m}.${day}`, `${iso} 00:00:00`])
          expect(parseImportDate(s)).toBe(iso)
      }),
    )
    for (const s of ['2023-02-29', '2024-13-01', '3/1/2024', '明天', '2024-1'])
      expect(parseImportDate(s)).toBeUndefined()
  })

  it('knows status words in both languages', () => {
    expect(['正常', '启用', 'Active', '停用', 'disabled', '？'].map(parseStatusWord)).toEqual([
      'active',
      'active',
      'active',
      'disabled',
      'disabled',
      undefined,
    ])
    expect(cleanMoney('１２，３４５.００ 元')).toBe('12345.00')
  })
})
