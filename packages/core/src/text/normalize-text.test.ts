import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldText, normalizeText, toSimplified } from './normalize-text.js'

describe('normalizeText', () => {
  it.each([
    ['華為技術有限公司', '华为技术有限公司'],
    ['華為 技術（深圳）  有限公司', '华为技术深圳有限公司'],
    ['ＴＣＬ科技集團', 'tcl科技集团'],
    ['Ｈｕａｗｅｉ　Ｔｅｃｈｎｏｌｏｇｉｅｓ Co., Ltd.', 'huaweitechnologiescoltd'],
    ['北京·华信【科技】', '北京华信科技'],
    ['“阿里巴巴”（中国）网络技术有限公司。', '阿里巴巴中国网络技术有限公司'],
    ['臺灣積體電路製造股份有限公司', '台湾积体电路制造股份有限公司'],
    // Character mode, not the Taiwan phrase mode: 資訊 stays 资讯 (phrase mode would make it 信息).
    ['資訊科技', '资讯科技'],
    // TSPhrases keep 乾 where it is not 干: 乾坤 but 乾燥 → 干燥.
    ['乾坤乾燥', '乾坤干燥'],
    ['萬科企業股份有限公司', '万科企业股份有限公司'],
    ['①号  店', '1号店'],
    ['A&B  +  C—D_E/F\\G|H', 'abcdefgh'],
    ['', ''],
  ])('%s → %s', (raw, normalized) => {
    expect(normalizeText(raw)).toBe(normalized)
  })

  it('is idempotent on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => normalizeText(normalizeText(s)) === normalizeText(s)))
  })

  it('is idempotent on Chinese text with traditional, full-width and punctuation characters', () => {
    const unit = fc.constantFrom(...'華為技術中國乾坤乾燥發後裡面髮干幹乾淨臺台（）()【】 　，,。ＡａBb１1-·'.split(''))
    fc.assert(fc.property(fc.string({ unit }), (s) => normalizeText(normalizeText(s)) === normalizeText(s)))
  })

  it('gives traditional and simplified spellings one form', () => {
    expect(normalizeText('華為')).toBe(normalizeText('华为'))
    expect(toSimplified('華為')).toBe('华为')
  })

  it('keeps punctuation in foldText, for parsing names', () => {
    expect(foldText('華為（深圳）ＡＢＣ')).toBe('华为(深圳)abc')
  })
})
