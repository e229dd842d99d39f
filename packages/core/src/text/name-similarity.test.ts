import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { companyNameKey } from './company-name-key.js'
import { editDistance, nameSimilarity } from './name-similarity.js'

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['华为', '华为', 0],
    ['华为', '华伟', 1],
    ['华为技术', '为技术', 1],
    ['讯', '迅', 1],
    ['腾讯计算机系统', '腾迅计算机', 3],
    // One character outside the BMP is one edit, not two.
    ['𠮷野家', '吉野家', 1],
  ])('%s / %s → %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
    expect(editDistance(b, a)).toBe(d)
  })
})

describe('nameSimilarity', () => {
  it.each([
    ['深圳华为技术有限公司', '华为技术（深圳）有限公司', 1],
    ['深圳华为技术有限公司', '華為技術有限公司', 1],
    ['华为技术有限公司', '华为技术股份有限公司', 1],
    // Homophone typos score at least 0.9.
    ['华为技术有限公司', '华伟技术有限公司', 0.975],
    ['华为', '花卫', 0.9],
    ['腾讯科技有限公司', '腾迅科技有限公司', 0.975],
    // A plain one-character typo is the edit similarity.
    ['华为技术有限公司', '华为枝术有限公司', 0.75],
    ['华为技术有限公司', '万科企业股份有限公司', 0],
  ])('%s / %s → %d', (a, b, score) => {
    expect(nameSimilarity(a, b)).toBeCloseTo(score, 3)
  })

  it('takes keys already made, for scoring many pairs', () => {
    expect(nameSimilarity(companyNameKey('华为技术'), '华伟技术')).toBeCloseTo(0.975, 3)
  })

  it('leaves the branch to the caller: the parent and its branch have the same core', () => {
    expect(nameSimilarity('华为技术有限公司', '华为技术有限公司北京分公司')).toBe(1)
  })

  const name = fc.string({ unit: fc.constantFrom(...'华为伟技术科深圳有限公司（）万'.split('')), maxLength: 12 })

  it('property: symmetric, in [0, 1], and 1 for the same name', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const s = nameSimilarity(a, b)
        return s >= 0 && s <= 1 && s === nameSimilarity(b, a) && nameSimilarity(a, a) === 1
      }),
    )
  })
})
