import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCode } from './parse-code.js'
import { parsePattern } from './pattern.js'
import { type MapTable, renderCode } from './render-code.js'

const MAPS: MapTable[] = [{ name: '地区简称', entries: [{ value: '北京', short: 'BJ' }] }]

describe('parseCode', () => {
  it.each<[string, string, { serial: number; prefixValues: string[] } | null]>([
    ['{type}{serial:3}', 'RT001', { serial: 1, prefixValues: ['RT'] }],
    ['{type}{serial:3}', 'rt012', { serial: 12, prefixValues: ['RT'] }],
    ['{type}{serial:3}', 'RT01', null],
    ['{serial:5}', '00001', { serial: 1, prefixValues: [] }],
    ['{serial:5}', '100000', null],
    ['{serial:5|overflow:widen}', '100000', { serial: 100000, prefixValues: [] }],
    ['{serial:5|overflow:widen}', '010000', null],
    ['{date:yyyymmdd}-{serial:5}', '20231001-00042', { serial: 42, prefixValues: ['20231001'] }],
    ['{date:yyyymmdd}-{serial:5}', '20231301-00042', null],
    ['{region}-{serial:5}', 'BJ-00001', { serial: 1, prefixValues: ['BJ'] }],
    [
      '{type}-{region}-{date:yyyymmdd}-{serial:5}',
      'V-BJ-20231001-00001',
      { serial: 1, prefixValues: ['V', 'BJ', '20231001'] },
    ],
    [
      '{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}',
      'V-BJ-20231001-00001',
      { serial: 1, prefixValues: ['V', 'BJ', '20231001'] },
    ],
    ['{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}', 'V-SH-20231001-00001', null],
    ['110105{serial:11}{check}', '11010519491231002X', { serial: 19491231002, prefixValues: [] }],
    ['110105{serial:11}{check}', '110105194912310021', null],
  ])('%s reads %s', (t, code, out) => {
    expect(parseCode(parsePattern(t), code, MAPS)).toEqual(out)
  })

  it('reads exactly with the tenant values', () => {
    const p = parsePattern('{type}{region}{serial:3}')
    const values = (ref: { source: string }) =>
      ref.source === 'type' ? [{ code: 'A' }, { code: 'AB' }] : [{ code: 'C' }, { code: 'BD' }]
    expect(parseCode(p, 'ABD007', [], values)).toEqual({ serial: 7, prefixValues: ['A', 'BD'] })
    expect(parseCode(p, 'ABC007', [], values)).toEqual({ serial: 7, prefixValues: ['AB', 'C'] })
    expect(parseCode(p, 'AC007', [], values)).toEqual({ serial: 7, prefixValues: ['A', 'C'] })
    expect(parseCode(p, 'XC007', [], values)).toBeNull()
  })

  it('reads back the serial of any rendered code, and refuses one changed character', () => {
    const p = parsePattern('{type}-{date:yyww}-{serial:4|overflow:widen}{check}')
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{1,4}$/),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.nat(),
        fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        (type, d, serial, at, ch) => {
          const code = renderCode(
            p,
            { date: d.toISOString().slice(0, 10), fields: { type: { code: type } } },
            [],
            serial,
          )
          expect(parseCode(p, code, [])?.serial).toBe(serial)
          const positions = [...code].flatMap((c, i) => (/[0-9A-Z]/.test(c) ? [i] : []))
          const i = positions[at % positions.length] as number
          fc.pre(code[i] !== ch)
          // The body has a letter-or-digit type prefix, so MOD 37,36 holds whichever character changes.
          const mutated = code.slice(0, i) + ch + code.slice(i + 1)
          fc.pre(/[A-Z]/.test(mutated.slice(0, -1)) === /[A-Z]/.test(code.slice(0, -1)))
          expect(parseCode(p, mutated, [])).toBeNull()
        },
      ),
      { numRuns: 200 },
    )
  })
})
