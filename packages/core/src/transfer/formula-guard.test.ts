import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { guardCell, unguardCell } from './formula-guard.js'

const risky = fc.stringMatching(/^'{0,3}[=+\-@\t\r'a-z0-9中]{0,8}$/)

describe('formula guard', () => {
  it('gives back every value after export and import', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), risky), (v) => {
        expect(unguardCell(guardCell(v))).toBe(v)
      }),
      { numRuns: 2000 },
    )
  })

  it('never exports a cell that starts a formula', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), risky), (v) => {
        expect(guardCell(v)).not.toMatch(/^[=+\-@\t\r]/)
      }),
      { numRuns: 2000 },
    )
  })

  it('quotes formulas, signs, at-signs and control starts, and leaves plain text alone', () => {
    expect(guardCell('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(guardCell('-5')).toBe("'-5")
    expect(guardCell('@cmd')).toBe("'@cmd")
    expect(guardCell('\tx')).toBe("'\tx")
    expect(guardCell("'=x")).toBe("''=x")
    expect(guardCell('北京科技有限公司')).toBe('北京科技有限公司')
    expect(guardCell("it's")).toBe("it's")
    expect(unguardCell("'abc")).toBe("'abc")
  })
})
