import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildMnemonic, fullPinyin, readPieces, syllables } from './pinyin.js'

describe('buildMnemonic', () => {
  it.each([
    ['重庆', 'CQ'],
    ['长沙', 'CS'],
    ['厦门', 'XM'],
    ['长春', 'CC'],
    ['朝阳', 'CY'],
    ['重庆银行', 'CQYH'],
    ['长沙银行', 'CSYH'],
    ['中国银行', 'ZGYH'],
    ['招商银行股份有限公司', 'ZSYHGFYXGS'],
    ['北京华信科技有限公司', 'BJHXKJYXGS'],
    ['北京朝阳医院', 'BJCYYY'],
    ['重庆长安汽车', 'CQCAQC'],
    ['厦门航空', 'XMHK'],
    ['长城汽车', 'CCQC'],
    ['华为技术有限公司', 'HWJSYXGS'],
    ['TCL科技', 'TCLKJ'],
    ['万科A', 'WKA'],
    ['三一重工', 'SYZG'],
    ['企帮宝信息科技（甘肃）有限公司', 'QBBXXKJGSYXGS'],
    ['单县农商银行', 'SXNSYH'],
    ['六安市百货', 'LASBH'],
    ['海尔 3D 打印', 'HE3DDY'],
    ['ｊｄ京东', 'JDJD'],
    ['', ''],
  ])('%s → %s', (name, expected) => {
    expect(buildMnemonic(name)).toBe(expected)
  })
})

describe('fullPinyin', () => {
  it.each([
    ['重庆', 'chongqing'],
    ['重庆银行', 'chongqingyinhang'],
    ['长沙', 'changsha'],
    ['厦门', 'xiamen'],
    ['吕梁', 'lvliang'],
    ['乐清市', 'yueqingshi'],
    ['TCL科技', 'tclkeji'],
    ['北京·华信（科技）', 'beijinghuaxinkeji'],
  ])('%s → %s', (name, expected) => {
    expect(fullPinyin(name)).toBe(expected)
  })
})

describe('readPieces', () => {
  it('reads each piece in its own context, in one call', () => {
    const [place, core] = readPieces(['广州市', '长城'])
    expect(place?.map((s) => s.value)).toEqual(['guang', 'zhou', 'shi'])
    expect(core?.map((s) => s.value)).toEqual(['chang', 'cheng'])
    // Read as one, 市长 (mayor) would take the 长.
    expect(syllables('广州市长城').map((s) => s.value)).toEqual(['guang', 'zhou', 'shi', 'zhang', 'cheng'])
  })

  it('property: one syllable per character of each piece', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }), (pieces) =>
        readPieces(pieces).every((read, i) => read.length === [...(pieces[i] as string).normalize('NFKC')].length),
      ),
    )
  })
})
