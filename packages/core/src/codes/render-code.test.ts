import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.js'
import { parseCode } from './parse-code.js'
import { parsePattern } from './pattern.js'
import {
  formatCodeDate,
  type MapTable,
  previewCodes,
  type RecordValues,
  renderCode,
  requiredFields,
  scopeKey,
  serialCapacity,
} from './render-code.js'

const MAPS: MapTable[] = [{ name: '地区简称', entries: [{ value: '北京', short: 'BJ' }] }]
const rec = (fields: RecordValues['fields'], date = '2023-10-01'): RecordValues => ({ date, fields })

function thrown(f: () => unknown): AppError {
  try {
    f()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('did not throw')
}

describe('renderCode — the documented examples', () => {
  it.each<[string, RecordValues, string]>([
    ['{type}{serial:3}', rec({ type: { code: 'RT' } }), 'RT001'],
    ['{type}{serial:3}', rec({ type: { code: 'WH' } }), 'WH001'],
    ['{type}{serial:3}', rec({ type: { code: 'VIP' } }), 'VIP001'],
    ['{serial:5}', rec({}), '00001'],
    ['{date:yyyymmdd}-{serial:5}', rec({}), '20231001-00001'],
    ['{region}-{serial:5}', rec({ region: { code: 'BJ' } }), 'BJ-00001'],
    [
      '{type}-{region}-{date:yyyymmdd}-{serial:5}',
      rec({ type: { code: 'V' }, region: { code: 'BJ' } }),
      'V-BJ-20231001-00001',
    ],
    [
      '{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}',
      rec({ type: { code: 'V' }, region: { code: 'HBBJ', name: '北京' } }),
      'V-BJ-20231001-00001',
    ],
  ])('%s → %s', (t, v, code) => {
    expect(renderCode(parsePattern(t), v, MAPS, 1)).toBe(code)
  })
})

describe('renderCode — segments', () => {
  it('normalises the code (case, full width)', () => {
    expect(renderCode(parsePattern('v{type}{serial:3}'), rec({ type: { code: 'ｒｔ' } }), [], 7)).toBe('VRT007')
  })

  it('prints ancestors at a level and applies modifiers left to right', () => {
    const cls = { code: '0102003', path: ['01', '0102', '0102003'] }
    const p = (t: string) => renderCode(parsePattern(t), rec({ class: cls }), [], 1)
    expect(p('{class:1}{serial:2}')).toBe('0101')
    expect(p('{class:2}-{serial:2}')).toBe('0102-01')
    expect(p('{class}-{serial:2}')).toBe('0102003-01')
    expect(p('{class|left:4|right:2}-{serial:2}')).toBe('02-01')
    expect(p('{class|right:2|left:1}-{serial:2}')).toBe('0-01')
  })

  it('looks a map up by code before name', () => {
    const maps: MapTable[] = [
      {
        name: 'M',
        entries: [
          { value: '北京', short: 'BJ' },
          { value: 'HB', short: 'HE' },
        ],
      },
    ]
    const p = parsePattern('{region|map:M}{serial:2}')
    expect(renderCode(p, rec({ region: { code: 'hb', name: '北京' } }), maps, 1)).toBe('HE01')
    expect(renderCode(p, rec({ region: { code: 'X', name: '北京' } }), maps, 1)).toBe('BJ01')
  })

  it('prints dates, with the ISO week-year and week around new year', () => {
    const cases: [string, string][] = [
      ['2021-01-01', '2053'],
      ['2020-12-28', '2053'],
      ['2021-01-03', '2053'],
      ['2021-01-04', '2101'],
      ['2019-12-30', '2001'],
      ['2018-12-31', '1901'],
      ['2015-12-31', '1553'],
      ['2016-01-03', '1553'],
      ['2027-01-01', '2653'],
      ['2023-10-01', '2339'],
    ]
    for (const [d, w] of cases) expect(formatCodeDate(d, 'yyww'), d).toBe(w)
    const p = parsePattern('{date:yyyy}{date:yy}{date:mm}{date:dd}{date:yyyymm}-{serial:1}')
    expect(renderCode(p, rec({}, '2024-02-29'), [], 3)).toBe('2024240229202402-3')
  })

  it('reports every missing value at once, naming the field', () => {
    const p = parsePattern('{type}{region|map:地区简称}{class:2}{attr:LEVEL}{serial:3}')
    const e = thrown(() =>
      renderCode(p, rec({ region: { code: 'SH', name: '上海' }, class: { code: '01', path: ['01'] } }), MAPS, 1),
    )
    expect(e.kind).toBe('invalid')
    expect(e.code).toBe('CODE_VALUES_INVALID')
    expect(e.issues.map((i) => i.code).sort()).toEqual([
      'CODE_FIELD_LEVEL_MISSING',
      'CODE_FIELD_MISSING',
      'CODE_FIELD_MISSING',
      'CODE_MAP_MISSING',
    ])
    const en = e.issues.map((i) => i.message.en).join(' | ')
    expect(en).toContain('customer type')
    expect(en).toContain('attribute LEVEL')
    expect(en).toContain('"地区简称"')
    expect(en).toContain('SH 上海')
    expect(e.issues.every((i) => i.message.zh.length > 0)).toBe(true)
  })

  it('uses the single problem as the error code', () => {
    expect(thrown(() => renderCode(parsePattern('{type}{serial:3}'), rec({}), [], 1)).code).toBe('CODE_FIELD_MISSING')
    const e = thrown(() =>
      renderCode(parsePattern('{region|map:地区简称}{serial:3}'), rec({ region: { code: 'SH' } }), MAPS, 1),
    )
    expect(e.code).toBe('CODE_MAP_MISSING')
    expect(thrown(() => renderCode(parsePattern('{date:yy}{serial:3}'), rec({}, '2023-02-30'), [], 1)).code).toBe(
      'CODE_DATE_INVALID',
    )
  })

  it('appends the check character over the code before it', () => {
    expect(renderCode(parsePattern('110105{serial:11}{check}'), rec({}), [], 19491231002)).toBe('11010519491231002X')
    expect(renderCode(parsePattern('A1-2425G-ABC{serial:7}{check}'), rec({}), [], 1234002)).toBe('A1-2425G-ABC1234002M')
  })
})

describe('overflow', () => {
  it('refuses at 10^width under refuse and widens under widen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 10_000 }), (w, extra) => {
        const refuse = parsePattern(`X{serial:${w}}`)
        const widen = parsePattern(`X{serial:${w}|overflow:widen}`)
        const top = 10 ** w - 1
        expect(renderCode(refuse, rec({}), [], top)).toBe(`X${'9'.repeat(w)}`)
        const e = thrown(() => renderCode(refuse, rec({}), [], 10 ** w + extra))
        expect(e.kind).toBe('conflict')
        expect(e.code).toBe('CODE_SERIAL_OVERFLOW')
        const code = renderCode(widen, rec({}), [], 10 ** w + extra)
        expect(code).toBe(`X${10 ** w + extra}`)
        expect(parseCode(widen, code, [])?.serial).toBe(10 ** w + extra)
        expect(serialCapacity(refuse)).toEqual({ max: top })
        expect(serialCapacity(widen)).toEqual({ max: null })
      }),
      { numRuns: 200 },
    )
  })
})

describe('scopeKey', () => {
  const v = rec({
    type: { code: 'rt' },
    region: { code: 'HBBJ', name: '北京' },
    class: { code: '0102', path: ['01', '0102'] },
  })
  it.each([
    ['{serial:5}', ''],
    ['{type}{serial:3}', 'type=RT'],
    ['{type}{serial:3|per:none}', ''],
    ['{region|map:地区简称}-{type}-{date:yyyymmdd}-{serial:5}', 'date:yyyymmdd=20231001;region=HBBJ;type=RT'],
    ['{date:yyyymmdd}-{serial:5|per:date:yyyy}', 'date:yyyy=2023'],
    ['{class}{serial:3|per:class:1}', 'class:1=01'],
    ['{type}-{region}-{serial:3|per:region+type}', 'region=HBBJ;type=RT'],
    ['{type}-{region}-{serial:3|per:type+region}', 'region=HBBJ;type=RT'],
  ])('%s → %j', (t, key) => {
    expect(scopeKey(parsePattern(t), v, MAPS)).toBe(key)
  })

  it('escapes separators inside values', () => {
    expect(scopeKey(parsePattern('{attr:X}{serial:2}'), rec({ 'attr:X': { code: 'a=b;c' } }), [])).toBe(
      'attr:X=A\\=B\\;C',
    )
  })

  it('fails like renderCode when a value is missing', () => {
    expect(thrown(() => scopeKey(parsePattern('{type}{serial:3}'), rec({}), [])).code).toBe('CODE_FIELD_MISSING')
  })
})

describe('previewCodes, requiredFields', () => {
  it('previews from the start or from the next serial, by step, stopping at a refused overflow', () => {
    const p = parsePattern('{type}{serial:2|start:5|step:40}')
    const v = rec({ type: { code: 'RT' } })
    expect(previewCodes(p, v, [], null, 3)).toEqual(['RT05', 'RT45', 'RT85'])
    expect(previewCodes(p, v, [], 50, 3)).toEqual(['RT50', 'RT90'])
    expect(thrown(() => previewCodes(p, v, [], 100, 3)).code).toBe('CODE_SERIAL_OVERFLOW')
  })

  it('lists the base fields to resolve', () => {
    expect(
      requiredFields(parsePattern('{type}{class:1}{class|left:2}{attr:L|map:M}{serial:3|per:region+type}')),
    ).toEqual([{ source: 'type' }, { source: 'class' }, { source: 'attr', attr: 'L' }, { source: 'region' }])
  })
})
