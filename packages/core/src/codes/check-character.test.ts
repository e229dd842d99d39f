import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkCharacter, verifyCheckCharacter } from './check-character.js'

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

// Reference implementations written from the ISO 7064 definitions, independently of the module.
function refMod11_2(digits: string): string {
  // Weighted form: weights 2^(n-i) mod 11 over positions counted from the check character.
  let sum = 0
  const n = digits.length
  for (let i = 0; i < n; i++) sum += Number(digits[i]) * (2 ** (n - i) % 11)
  const c = (12 - (sum % 11)) % 11
  return c === 10 ? 'X' : String(c)
}
function refMod37_36(s: string): string {
  // Hybrid system: try each candidate and keep the one that leaves remainder 1 after the last step.
  const step = (p: number, a: number) => {
    const r = (p + a) % 36 || 36
    return (r * 2) % 37
  }
  let p = 36
  for (const ch of s) p = step(p, ALNUM.indexOf(ch))
  for (let c = 0; c < 36; c++) if ((p + c) % 36 === 1) return ALNUM[c] as string
  throw new Error('no check character')
}

describe('checkCharacter', () => {
  it('MOD 11-2 gives X for the GB 11643 example 11010519491231002X', () => {
    expect(checkCharacter('11010519491231002')).toBe('X')
    expect(verifyCheckCharacter('11010519491231002X')).toBe(true)
    expect(verifyCheckCharacter('110105194912310021')).toBe(false)
  })

  it.each([
    ['A12425GABC1234002', 'M'], // GRid example A1-2425G-ABC1234002-M
    ['A1-2425G-ABC1234002', 'M'], // separators are skipped
    ['00000000D07A0090', 'Q'], // ISAN root 0000-0000-D07A-0090, check Q
  ])('MOD 37,36 of %s is %s', (body, c) => {
    expect(checkCharacter(body)).toBe(c)
  })

  it('uses MOD 11-2 for digit-only codes and MOD 37,36 otherwise', () => {
    expect(checkCharacter('20231001-00001')).toBe(refMod11_2('2023100100001'))
    expect(checkCharacter('V-BJ-20231001-00001')).toBe(refMod37_36('VBJ2023100100001'))
    expect(checkCharacter('rt001')).toBe(checkCharacter('RT001'))
  })

  it('matches the reference implementations', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 30 }), (d) => {
        expect(checkCharacter(d)).toBe(refMod11_2(d))
      }),
      { numRuns: 200 },
    )
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 30 }).filter((s) => /[A-Z]/.test(s)),
        (s) => {
          expect(checkCharacter(s)).toBe(refMod37_36(s))
          expect(checkCharacter(s)).toMatch(/^[0-9A-Z]$/)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('catches every single changed character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom(...ALNUM),
        (body, at, ch) => {
          const code = body + checkCharacter(body)
          const i = at % code.length
          const mutated = code.slice(0, i) + ch + code.slice(i + 1)
          const digitsOnly = (s: string) => /^[0-9]*$/.test(s)
          // A change that switches the algorithm (digits only ↔ letters) is another code family.
          fc.pre(ch !== code[i] && digitsOnly(body) === digitsOnly(mutated.slice(0, -1)))
          expect(verifyCheckCharacter(mutated)).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })
})
