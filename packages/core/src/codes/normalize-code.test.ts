import { describe, expect, it } from 'vitest'
import { normalizeCode } from './normalize-code.js'

describe('normalizeCode', () => {
  it.each([
    ['rt001', 'RT001'],
    ['  Vip001 ', 'VIP001'],
    ['ＲＴ００１', 'RT001'], // full-width letters and digits
    ['ｖ－ｂｊ', 'V-BJ'],
    ['bj-北京', 'BJ-北京'],
    ['é1', 'é1'], // only ASCII letters are upper-cased
  ])('%s → %s', (raw, code) => {
    expect(normalizeCode(raw)).toBe(code)
  })

  it('makes rt001 and RT001 the same code', () => {
    expect(normalizeCode('rt001')).toBe(normalizeCode('RT001'))
  })
})
