import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatScaledDecimal, parseScaledDecimal, rescaleDecimal } from './scaled-decimal.js'

describe('parseScaledDecimal', () => {
  it.each([
    ['12.34', 2, 1234],
    [12.34, 2, 1234],
    ['12.3', 2, 1230],
    ['12', 2, 1200],
    ['-0.5', 1, -5],
    ['+7', 0, 7],
    ['.5', 1, 5],
    ['12.340', 2, 1234],
    ['1,234.5', 1, 12345],
    ['１２.５', 1, 125],
    ['-0', 2, 0],
    [0.3, 1, 3],
    [' 42 ', 0, 42],
  ] as const)('reads %j at precision %i as %i', (raw, p, expected) => {
    expect(parseScaledDecimal(raw, p)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['12.345', 2, 'decimals'],
    [0.1 + 0.2, 2, 'decimals'],
    ['abc', 2, 'syntax'],
    ['', 0, 'syntax'],
    ['.', 0, 'syntax'],
    ['1e5', 0, 'syntax'],
    [1e21, 0, 'range'],
    [1e-7, 6, 'decimals'],
    ['99999999999999999', 0, 'range'],
    [Number.NaN, 0, 'syntax'],
    [true, 0, 'syntax'],
  ] as const)('refuses %j at precision %i (%s)', (raw, p, reason) => {
    const r = parseScaledDecimal(raw, p)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toBe(reason)
  })

  it('formats and parses back', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), fc.integer({ min: 0, max: 6 }), (n, p) => {
        const s = formatScaledDecimal(n, p)
        expect(parseScaledDecimal(s, p)).toEqual({ ok: true, value: n })
      }),
    )
  })

  it('formats with leading zeros and signs', () => {
    expect(formatScaledDecimal(1234, 2)).toBe('12.34')
    expect(formatScaledDecimal(5, 3)).toBe('0.005')
    expect(formatScaledDecimal(-5, 2)).toBe('-0.05')
    expect(formatScaledDecimal(7, 0)).toBe('7')
  })

  it('rescales only without loss', () => {
    expect(rescaleDecimal(1234, 2, 3)).toBe(12340)
    expect(rescaleDecimal(1230, 2, 1)).toBe(123)
    expect(rescaleDecimal(1234, 2, 1)).toBeNull()
    expect(rescaleDecimal(-1200, 2, 0)).toBe(-12)
  })
})
