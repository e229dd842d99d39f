import { describe, expect, it } from 'vitest'
import { normalizeUscc, usccCheckChar, validateUscc } from './uscc.js'

describe('validateUscc', () => {
  it.each([
    '91350100M000100Y43',
    '91310110666007217T',
    '91110000600037341L',
    '914403001922038216',
    '9144030071526726XG',
    '92340602MA2PBMEM24',
  ])('accepts %s', (code) => {
    expect(validateUscc(code)).toEqual([])
  })

  it.each([
    ['91110000800088421P', 'W'],
    ['9133010057462616XH', '9'],
    ['91350200M000000510', 'D'],
    ['914403001922038217', '6'],
  ])('refuses %s and names the right check character %s', (code, expected) => {
    const [first] = validateUscc(code)
    expect(first?.code).toBe('USCC_CHECK_CHARACTER')
    expect(first?.message.en).toContain(`expected ${expected}`)
  })

  it('refuses a wrong length and forbidden letters', () => {
    expect(validateUscc('9135')[0]?.code).toBe('USCC_LENGTH')
    expect(validateUscc('91350100M00010OY43')[0]?.code).toBe('USCC_CHARACTERS')
  })

  it('normalises full-width characters, spaces and case', () => {
    expect(normalizeUscc(' ９１３５０１００m000100y43 ')).toBe('91350100M000100Y43')
    expect(usccCheckChar('91350100M000100Y4')).toBe('3')
  })
})
