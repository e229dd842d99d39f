import { customerStream } from '@kehu/sample'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { companyNameKey, shortNameOf } from './company-name-key.js'

describe('companyNameKey', () => {
  it.each([
    // [name, region, region code, core, trade name, industry, legal form]
    ['深圳华为技术有限公司', '深圳', '4403', '华为技术', '华为', '技术', '有限公司'],
    ['华为技术（深圳）有限公司', '深圳', '4403', '华为技术', '华为', '技术', '有限公司'],
    ['華為技術有限公司', null, null, '华为技术', '华为', '技术', '有限公司'],
    ['广东省深圳市南山区华为技术有限公司', '广东省深圳市南山区', '440305', '华为技术', '华为', '技术', '有限公司'],
    ['北京市王府井百货有限公司', '北京市', '11', '王府井百货', '王府井', '百货', '有限公司'],
    ['北京京东世纪贸易有限公司', '北京', '11', '京东世纪贸易', '京东世纪', '贸易', '有限公司'],
    ['北京小米科技有限责任公司', '北京', '11', '小米科技', '小米', '科技', '有限责任公司'],
    ['腾讯科技（深圳）有限公司', '深圳', '4403', '腾讯科技', '腾讯', '科技', '有限公司'],
    ['萬科企業股份有限公司', null, null, '万科企业', '万科企业', '', '股份有限公司'],
    ['阿里巴巴（中国）有限公司', '中国', '', '阿里巴巴', '阿里巴巴', '', '有限公司'],
    ['杭州阿里巴巴广告有限公司', '杭州', '3301', '阿里巴巴广告', '阿里巴巴', '广告', '有限公司'],
    ['企帮宝信息科技（甘肃）有限公司', '甘肃', '62', '企帮宝信息科技', '企帮宝', '信息科技', '有限公司'],
    ['(上海)联合实业有限责任公司', '上海', '31', '联合实业', '联合', '实业', '有限责任公司'],
    ['【上海】联合实业有限责任公司', '上海', '31', '联合实业', '联合', '实业', '有限责任公司'],
    ['广东省深圳市腾达电子集团有限公司', '广东省深圳市', '4403', '腾达电子', '腾达', '电子', '集团有限公司'],
    ['美的集团股份有限公司', null, null, '美的', '美的', '', '集团股份有限公司'],
    ['中国平安保险（集团）股份有限公司', null, null, '中国平安保险', '中国平安', '保险', '(集团)股份有限公司'],
    ['珠海格力电器股份有限公司', '珠海', '4404', '格力电器', '格力', '电器', '股份有限公司'],
    ['青岛海尔股份有限公司', '青岛', '3702', '海尔', '海尔', '', '股份有限公司'],
    ['重庆长安汽车股份有限公司', '重庆', '50', '长安汽车', '长安', '汽车', '股份有限公司'],
    ['深圳市大疆创新科技有限公司', '深圳市', '4403', '大疆创新科技', '大疆创新', '科技', '有限公司'],
    ['巴彦淖尔市东方莲花供应链有限公司', '巴彦淖尔市', '1508', '东方莲花供应链', '东方莲花', '供应链', '有限公司'],
    ['上海浦东新区华信实业有限公司', '上海浦东新区', '310115', '华信实业', '华信', '实业', '有限公司'],
    ['昆山市华信电子有限公司', '昆山市', '320583', '华信电子', '华信', '电子', '有限公司'],
    ['内蒙古伊利实业集团股份有限公司', '内蒙古', '15', '伊利实业', '伊利', '实业', '集团股份有限公司'],
    ['新疆维吾尔自治区天山纺织有限公司', '新疆维吾尔自治区', '65', '天山纺织', '天山', '纺织', '有限公司'],
    ['ＴＣＬ科技集团股份有限公司', null, null, 'tcl科技', 'tcl', '科技', '集团股份有限公司'],
    ['深圳 华为 技术 有限 公司', '深圳', '4403', '华为技术', '华为', '技术', '有限公司'],
    ['深圳市创新投资合伙企业（有限合伙）', '深圳市', '4403', '创新投资', '创新', '投资', '合伙企业(有限合伙)'],
    [
      '上海华信会计师事务所（特殊普通合伙）',
      '上海',
      '31',
      '华信会计师事务所',
      '华信会计师事务所',
      '',
      '(特殊普通合伙)',
    ],
    ['义乌市星辰五金商行', '义乌市', '330782', '星辰五金', '星辰', '五金', '商行'],
    ['张记五金经营部', null, null, '张记五金', '张记', '五金', '经营部'],
    ['华夏物流（石家庄）实业有限公司', '石家庄', '1301', '华夏物流实业', '华夏', '物流实业', '有限公司'],
    // The place is its 字号 when nothing else would be left (重庆银行 is not 银行).
    ['重庆银行股份有限公司', null, null, '重庆银行', '重庆', '银行', '股份有限公司'],
    ['上海浦东发展银行股份有限公司', '上海', '31', '浦东发展银行', '浦东', '发展银行', '股份有限公司'],
    ['北京朝阳科技有限公司', '北京', '11', '朝阳科技', '朝阳', '科技', '有限公司'],
    ['北京市', null, null, '北京市', '北京市', '', ''],
    // A name with its place in brackets has none in front: 德兴 is a county, 市政 a trade.
    ['德兴市政工程（天津）有限公司', '天津', '12', '德兴市政工程', '德兴', '市政工程', '有限公司'],
    ['安康市政工程（西安）有限责任公司', '西安', '6101', '安康市政工程', '安康', '市政工程', '有限责任公司'],
    ['北京市政路桥股份有限公司', null, null, '北京市政路桥', '北京', '市政路桥', '股份有限公司'],
    ['有限公司', null, null, '有限公司', '有限公司', '', ''],
    ['', null, null, '', '', '', ''],
  ])('%s', (name, region, code, core, tradeName, industry, legalForm) => {
    const key = companyNameKey(name)
    expect(key.region).toEqual(region === null ? null : { text: region, code })
    expect({ core: key.core, tradeName: key.tradeName, industry: key.industry, legalForm: key.legalForm }).toEqual({
      core,
      tradeName,
      industry,
      legalForm,
    })
    expect(key.branch).toBeNull()
  })

  it.each([
    // [name, core, branch, place, kind]
    ['华为技术有限公司北京分公司', '华为技术', '北京分公司', '北京', '分公司'],
    ['深圳市华为技术有限公司上海市分公司', '华为技术', '上海市分公司', '上海市', '分公司'],
    ['中国工商银行股份有限公司北京市分行', '中国工商银行', '北京市分行', '北京市', '分行'],
    ['招商银行股份有限公司深圳南山支行', '招商银行', '深圳南山支行', '深圳南山', '支行'],
    ['中国银行深圳分行', '中国银行', '深圳分行', '深圳', '分行'],
    ['永辉超市股份有限公司福州鼓楼分店', '永辉超市', '福州鼓楼分店', '福州鼓楼', '分店'],
    ['国美电器有限公司北京办事处', '国美电器', '北京办事处', '北京', '办事处'],
    ['平安银行股份有限公司深圳分行营业部', '平安银行', '深圳分行营业部', '深圳分行', '营业部'],
    ['华润万家有限公司第三分店', '华润万家', '第三分店', '第三', '分店'],
    ['华信科技有限公司第2分公司', '华信科技', '第2分公司', '第2', '分公司'],
    ['華為技術有限公司北京分公司', '华为技术', '北京分公司', '北京', '分公司'],
    ['华为销售分公司', '华为销售', '分公司', '', '分公司'],
  ])('%s is a branch', (name, core, text, place, kind) => {
    const key = companyNameKey(name)
    expect(key.core).toBe(core)
    expect(key.branch).toEqual({ text, place, kind })
  })

  it('a branch keeps its parent core but is told apart by its branch', () => {
    const parent = companyNameKey('华为技术有限公司')
    const branch = companyNameKey('华为技术有限公司北京分公司')
    expect(branch.core).toBe(parent.core)
    expect(parent.branch).toBeNull()
    expect(branch.branch?.place).toBe('北京')
  })

  it.each([
    [
      '华为技术',
      [
        '深圳华为技术有限公司',
        '华为技术（深圳）有限公司',
        '華為技術有限公司',
        '華為技術（深圳）有限公司',
        '廣東省深圳市華為技術有限公司',
        '深圳市 华为技术 有限公司',
        '华为技术有限公司',
      ],
    ],
    ['腾讯科技', ['腾讯科技（深圳）有限公司', '深圳市腾讯科技有限公司', '騰訊科技有限公司', '腾讯科技(深圳)有限公司']],
    ['万科企业', ['万科企业股份有限公司', '萬科企業股份有限公司', '深圳万科企业股份有限公司']],
    ['格力电器', ['珠海格力电器股份有限公司', '格力电器（珠海）有限公司', '珠海格力電器有限公司']],
    ['腾达电子', ['广东省深圳市腾达电子集团有限公司', '深圳腾达电子有限公司', '腾达电子（广东）有限责任公司']],
  ])('%s is the core of every spelling', (core, names) => {
    for (const name of names) expect(companyNameKey(name).core, name).toBe(core)
  })

  it('gives the pinyin and initials of the core', () => {
    expect(companyNameKey('深圳华为技术有限公司')).toMatchObject({ pinyin: 'huaweijishu', initials: 'hwjs' })
    expect(companyNameKey('重庆银行股份有限公司')).toMatchObject({ pinyin: 'chongqingyinhang', initials: 'cqyh' })
    expect(companyNameKey('ＴＣＬ科技集团股份有限公司')).toMatchObject({ pinyin: 'tclkeji', initials: 'tclkj' })
  })

  const trades =
    '华为 腾讯 万科 格力 海尔 伊利 京东 百度 小米 美团 网易 顺丰 恒瑞 金蝶 用友 浪潮 汇川 迈瑞 宇通 潍柴'.split(' ')
  const industries = ['', '技术', '科技', '信息科技', '电子', '贸易', '实业', '物流', '医药', '网络技术', '电器']
  const leading = [
    '',
    '深圳',
    '深圳市',
    '广东省深圳市',
    '北京',
    '北京市海淀区',
    '上海浦东新区',
    '杭州',
    '江苏省苏州市',
    '昆山市',
    '重庆',
  ]
  const bracketed = ['', '（深圳）', '(北京)', '（中国）', '（上海）', '【甘肃】']
  const forms = ['', '有限公司', '有限责任公司', '股份有限公司', '集团有限公司', '集团', '合伙企业（有限合伙）']

  // Traditional spellings of the trade names and industries above, and full-width forms of the brackets.
  const traditional: Record<string, string> = {
    华为: '華為',
    腾讯: '騰訊',
    万科: '萬科',
    网易: '網易',
    顺丰: '順豐',
    金蝶: '金蝶',
    技术: '技術',
    电子: '電子',
    贸易: '貿易',
    网络技术: '網絡技術',
    电器: '電器',
    医药: '醫藥',
    物流: '物流',
  }
  const fullWidth = (s: string) => s.replace(/[()]/g, (c) => (c === '(' ? '（' : '）')).replace(/ /g, '　')

  it('property: a region in front or in brackets, a legal form, traditional characters, full-width brackets and spaces leave the core as it is', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...trades),
        fc.constantFrom(...industries),
        fc.constantFrom(...leading),
        fc.constantFrom(...bracketed),
        fc.constantFrom(...forms),
        fc.boolean(),
        fc.boolean(),
        (trade, industry, lead, bracket, form, trad, spaced) => {
          const plain = companyNameKey(trade + industry)
          const spell = (s: string) => (trad ? (traditional[s] ?? s) : s)
          // A place in brackets stands before a legal form.
          const parts = [lead, spell(trade), spell(industry), form === '' ? '' : bracket, form]
          const key = companyNameKey(fullWidth(parts.join(spaced ? ' ' : '')))
          return key.core === plain.core && key.pinyin === plain.pinyin && key.tradeName === trade
        },
      ),
    )
  })

  it('tells apart what must not be merged: the same 字号 elsewhere, a branch, another trade', () => {
    const parent = companyNameKey('深圳市华为技术有限公司')
    const elsewhere = companyNameKey('北京华为技术有限公司')
    expect(elsewhere.core).toBe(parent.core)
    expect(elsewhere.region?.code).not.toBe(parent.region?.code)
    expect(companyNameKey('深圳市华为技术有限公司北京分公司').branch).not.toBeNull()
    const otherTrade = companyNameKey('深圳市华为电子有限公司')
    expect([otherTrade.tradeName, otherTrade.industry]).toEqual(['华为', '电子'])
    expect(otherTrade.core).not.toBe(parent.core)
  })

  it('property: the region and core of a sample customer agree with its USCC and short name', () => {
    let n = 0
    for (const c of customerStream(7)) {
      if (n++ === 3000) break
      const key = companyNameKey(c.name)
      const short = shortNameOf(c.name)
      // The sample writes 实业有限公司 as one form and numbers repeated names as branches.
      expect([c.shortName, `${c.shortName}实业`], c.name).toContain(short.replace(/第\d+分公司$/, ''))
      // USCC positions 3–8 are the registering place, which the name's place contains.
      expect(key.region, c.name).not.toBeNull()
      expect(c.uscc.slice(2, 8).startsWith(key.region?.code ?? 'x'), c.name).toBe(true)
    }
  })
})

describe('shortNameOf', () => {
  it.each([
    ['深圳市华为技术有限公司', '华为技术'],
    ['華為技術有限公司', '華為技術'],
    ['华为技术（深圳）有限公司', '华为技术'],
    ['ＴＣＬ科技集团股份有限公司', 'TCL科技'],
    ['华为技术有限公司北京分公司', '华为技术北京分公司'],
    ['北京市王府井百货有限公司', '王府井百货'],
    ['重庆银行股份有限公司', '重庆银行'],
    ['北京市', '北京市'],
    ['有限公司', '有限公司'],
    ['华夏物流（石家庄）实业有限公司', '华夏物流实业'],
    ['', ''],
  ])('%s → %s', (name, short) => {
    expect(shortNameOf(name)).toBe(short)
  })
})
