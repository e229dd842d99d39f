import { customerStream } from '@kehu/sample'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { companyNameKey } from './company-name-key.js'
import { normalizeText } from './normalize-text.js'
import { queryTokens, searchTokens } from './search-tokens.js'

/** Whether a query's tokens are all among a name's: the index lookup that precedes the substring check. */
function found(name: string, query: string): boolean {
  const doc = searchTokens(name)
  const q = queryTokens(query)
  if (q.pinyin !== null && [...doc.pinyin, ...doc.initials].some((t) => t.startsWith(q.pinyin as string))) return true
  return q.grams.length > 0 && q.grams.every((g) => doc.grams.includes(g))
}

describe('searchTokens', () => {
  it('indexes every character and every neighbouring pair of the normalised name, once each', () => {
    expect(searchTokens('華為技術 华为').grams).toEqual(['华', '为', '技', '术', '华为', '为技', '技术', '术华'])
  })

  it('gives the pinyin and initials of the whole name and of its core', () => {
    expect(searchTokens('深圳华为技术有限公司')).toMatchObject({
      pinyin: ['shenzhenhuaweijishuyouxiangongsi', 'huaweijishu'],
      initials: ['szhwjsyxgs', 'hwjs'],
    })
    expect(searchTokens('华为').pinyin).toEqual(['huawei'])
  })

  it('reads the core as companyNameKey does, though from the whole name', () => {
    const names = ['重庆银行股份有限公司', '华夏物流（石家庄）实业有限公司', '长沙银行', 'ＴＣＬ科技集团股份有限公司']
    let n = 0
    for (const c of customerStream(3))
      if (n++ < 500) names.push(c.name)
      else break
    for (const name of names) {
      const key = companyNameKey(name)
      expect(searchTokens(name), name).toMatchObject({
        pinyin: expect.arrayContaining([key.pinyin]),
        initials: expect.arrayContaining([key.initials]),
      })
    }
  })

  it('is empty for an empty text', () => {
    expect(searchTokens('  ')).toEqual({ grams: [], pinyin: [], initials: [] })
  })
})

describe('queryTokens', () => {
  it.each([
    ['华', ['华'], null],
    ['华为', ['华为'], null],
    ['華為', ['华为'], null],
    ['华为技术', ['华为', '为技', '技术'], null],
    ['ＨＷＪＳ', ['hw', 'wj', 'js'], 'hwjs'],
    ['huawei', ['hu', 'ua', 'aw', 'we', 'ei'], 'huawei'],
    ['华 为', ['华为'], null],
    ['', [], null],
  ])('%s → %j, pinyin %s', (query, grams, pinyin) => {
    expect(queryTokens(query)).toMatchObject({ grams, pinyin })
  })

  it.each([
    ['深圳华为技术有限公司', '华为'],
    ['深圳华为技术有限公司', '華為'],
    ['深圳华为技术有限公司', '华'],
    ['深圳华为技术有限公司', '为技术'],
    ['深圳华为技术有限公司', 'hwjs'],
    ['深圳华为技术有限公司', 'huawei'],
    ['深圳华为技术有限公司', 'szhw'],
    ['深圳华为技术有限公司', 'ＨＵＡＷＥＩ'],
    ['華為技術有限公司', '华为技术'],
    ['万科企业股份有限公司', '万科'],
    ['ＴＣＬ科技集团股份有限公司', 'tcl'],
  ])('%s is found by %s', (name, query) => {
    expect(found(name, query)).toBe(true)
  })

  it.each([
    ['深圳华为技术有限公司', '万科'],
    ['深圳华为技术有限公司', '华伟'],
    ['深圳华为技术有限公司', 'wk'],
    ['万科企业股份有限公司', '为'],
  ])('%s is not found by %s', (name, query) => {
    expect(found(name, query)).toBe(false)
  })

  const chinese = fc.constantFrom(...'华为技术有限公司深圳北京万科科技(（）) ·AbＣ12'.split(''))

  it('property: the tokens of a substring are among the tokens of the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: chinese, minLength: 1 }), fc.nat(), fc.nat(), (s, i, j) => {
        const from = Math.min(i, j) % (s.length + 1)
        const sub = s.slice(from, from + (Math.max(i, j) % (s.length + 1)))
        const grams = new Set(searchTokens(s).grams)
        return searchTokens(sub).grams.every((g) => grams.has(g))
      }),
    )
  })

  it('property: every substring of a normalised name finds the name', () => {
    fc.assert(
      fc.property(fc.string({ unit: chinese, minLength: 1 }), fc.nat(), fc.nat(), (name, i, len) => {
        const text = normalizeText(name)
        const chars = [...text]
        const from = i % (chars.length + 1)
        const query = chars.slice(from, from + 1 + (len % 6)).join('')
        return query === '' || found(name, query)
      }),
    )
  })
})
