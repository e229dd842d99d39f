import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { transferColumns } from './columns.js'
import { matchHeaders, normalizeHeader } from './import-mapping.js'

const columns = transferColumns({
  schemes: [{ code: 'CHANNEL', name: '渠道' }],
  attributes: [{ code: 'scale', name: '企业规模' }],
})
const targets = (headers: string[]) => matchHeaders(headers, columns).columns.map((c) => c.target)

describe('matchHeaders', () => {
  it('maps Chinese, English and alias headers, required marks and full-width brackets included', () => {
    expect(
      targets([
        '客户编码',
        '客户名称*',
        'Short name',
        '所属分类',
        ' 所属地区（必填）',
        '统一社会信用代码',
        '电话',
        '渠道',
        '企业规模',
        '信用额度（元）',
        '不认识的列',
      ]),
    ).toEqual([
      'code',
      'name',
      'shortName',
      'class',
      'region',
      'uscc',
      'phone',
      'scheme:CHANNEL',
      'attr.scale',
      'creditLimit',
      null,
    ])
  })

  it('maps a merged header by its last part, and each target once (the first header wins)', () => {
    expect(targets(['联系方式/电话', '客户名称', '名称'])).toEqual(['phone', 'name', null])
  })

  it('maps every template header back onto its own column, in both languages', () => {
    for (const lang of ['zh', 'en'] as const)
      expect(targets(columns.map((c) => c.header[lang]))).toEqual(columns.map((c) => c.target))
  })

  it('ignores case, spaces, width and required marks whatever the header', () => {
    const decorate = fc.tuple(
      fc.constantFrom(...columns.map((c) => c.header.zh)),
      fc.constantFrom('', ' ', '\u3000'),
      fc.constantFrom('', '*', '（必填）', '(必填)'),
    )
    fc.assert(
      fc.property(decorate, ([h, pad, mark]) => {
        expect(normalizeHeader(`${pad}${h}${pad}${mark}`)).toBe(normalizeHeader(h))
        expect(targets([`${pad}${h}${mark}`])[0]).not.toBeNull()
      }),
    )
  })
})
