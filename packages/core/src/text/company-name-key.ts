import { toSimplified } from './normalize-text.js'
import { pinyinKeys } from './pinyin.js'
import { leadingRegions, type RegionPart, regionOf } from './regions.js'

/** A branch (分公司, 办事处, 分行 …) and the place or number it carries: 北京分公司, 第二分公司. */
export interface BranchPart {
  text: string
  place: string
  kind: string
}

/**
 * A company name taken apart as 企业名称登记管理规定 (2020) Art. 6 builds it: region + 字号 + 行业 +
 * 组织形式, and a branch after the parent's name. Every part is normalised (simplified, lower case,
 * no spaces or punctuation); `core` (字号 + 行业) is the key two spellings of one company share.
 */
export interface CompanyNameKey {
  /** Leading places (深圳市, 广东省深圳市) and bracketed ones ((深圳), (中国)); code: the deepest GB/T 2260 code. */
  region: RegionPart | null
  /** 字号 + 行业: 华为技术 */
  core: string
  /** 字号: 华为 */
  tradeName: string
  /** 行业 words at the end of the core: 技术, 信息科技 */
  industry: string
  /** 组织形式 as written: 有限公司, 集团有限公司, 合伙企业(有限合伙); '' when none */
  legalForm: string
  branch: BranchPart | null
  /** Full pinyin of the core: huaweijishu */
  pinyin: string
  /** Pinyin initials of the core: hwjs */
  initials: string
}

// Longest first, stripped repeatedly from the end (集团 + 有限公司); 厂, 商行 and 经营部 end the
// names of businesses that are not companies.
const LEGAL_FORMS = [
  '(特殊普通合伙)',
  '(集团)',
  '个人独资企业',
  '股份有限公司',
  '有限责任公司',
  '股份合作公司',
  '(有限合伙)',
  '(普通合伙)',
  '合伙企业',
  '独资企业',
  '有限合伙',
  '普通合伙',
  '有限公司',
  '股份公司',
  '集团公司',
  '总公司',
  '经营部',
  '门市部',
  '公司',
  '集团',
  '商行',
  '厂',
]
const ANY_LEGAL_FORM = new RegExp(LEGAL_FORMS.map((f) => f.replace(/[()]/g, '\\$&')).join('|'), 'g')
const BRANCH = /(?:分公司|分支机构|分店|分厂|分部|办事处|营业部|分行|支行|分理处|代表处|联络处)$/
const ORDINAL = /第[\d一二三四五六七八九十百零〇]+$/

/** 行业 words, matched from the end of the core: 华为技术 → 华为 + 技术. */
const INDUSTRY_WORDS = new Set(
  `科技 技术 信息 网络 电子 软件 数字 数码 互联网 智能 数据 通信 通讯 光电 半导体 系统 集成 贸易 国际 商贸 进出口
  实业 投资 控股 发展 建设 建筑 工程 市政 路桥 装饰 设计 房地产 地产 置业 物业 服务 管理 咨询 文化 传媒 广告 教育
  培训 医疗 器械 医药 生物 制药 药业 药房 大药房 健康 食品 饮品 饮料 餐饮 酒店 旅游 物流 运输 供应链 仓储 快递 速运
  机械 精密 机电 设备 制造 电器 电气 汽车 汽配 零部件 车业 重工 能源 新能源 光伏 环保 环境 材料 新材料 化工 化学 石化
  石油 纺织 服装 服饰 家具 家居 家电 农业 农产品 银行 证券 保险 金融 资产 基金 租赁 百货 超市 商业 电力 航空 印刷
  包装 塑料 钢铁 金属 五金 陶瓷 照明 鞋业 安防 新能源汽车`.split(/\s+/),
)
const LONGEST_WORD = 5

/** The 行业 words ending `core`, taken while at least `keep` characters stay in front. */
function industryEnd(core: string, keep: number): number {
  let end = core.length
  for (let found = true; found; ) {
    found = false
    for (let len = Math.min(LONGEST_WORD, end - keep); len >= 2 && !found; len--)
      if (INDUSTRY_WORDS.has(core.slice(end - len, end))) {
        end -= len
        found = true
      }
  }
  return end
}

// What a bracket can be written as, and what goes: every space, punctuation mark and symbol but ( ).
const OPEN = /[[【〔{〖]/g
const CLOSE = /[\]】〕}〗]/g
const DROP = /[^\p{L}\p{N}\p{M}()]/gu

interface Parsed {
  /** The name folded (NFKC, lower case, simplified), punctuation but ( ) removed: the parse works on it. */
  s: string
  /** `s` as written (NFKC only), same length, for the 简称 */
  shown: string
  lo: number
  hi: number
  cuts: [number, number][]
  lead: (RegionPart & { at: number })[]
  trail: RegionPart[]
  legalForm: string
  branch: (BranchPart & { at: number }) | null
}

function parse(name: string): Parsed {
  const nfkc = name.normalize('NFKC').replace(OPEN, '(').replace(CLOSE, ')').replace(DROP, '')
  const s = toSimplified(nfkc.toLowerCase().normalize('NFKC'))
  // Lower-casing or t2s can change the length in rare cases (İ); the 简称 is then given folded.
  const shown = s.length === nfkc.length ? nfkc : s
  let lo = 0
  let hi = s.length

  let branch: Parsed['branch'] = null
  const marker = BRANCH.exec(s)
  if (marker && marker.index > 0) {
    const before = s.slice(0, marker.index)
    let at = before.length
    const forms = [...before.matchAll(ANY_LEGAL_FORM)]
    const lastForm = forms[forms.length - 1]
    if (lastForm) at = lastForm.index + lastForm[0].length
    else {
      const ordinal = ORDINAL.exec(before)
      if (ordinal) at = ordinal.index
      else
        for (let j = Math.max(1, before.length - 12); j < before.length; j++)
          if (regionOf(before.slice(j))) {
            at = j
            break
          }
    }
    if (at > 0) {
      branch = { text: s.slice(at), place: s.slice(at, marker.index), kind: marker[0], at }
      hi = at
    }
  }

  let legalForm = ''
  const trail: RegionPart[] = []
  for (let more = true; more; ) {
    more = false
    const t = s.slice(lo, hi)
    // The longest form that ends the name, and only when something stays: 有限公司 alone is a name.
    const form = LEGAL_FORMS.find((f) => t.endsWith(f))
    if (form && t.length > form.length) {
      legalForm = form + legalForm
      hi -= form.length
      more = true
    } else if (t.endsWith(')')) {
      const open = t.lastIndexOf('(')
      const region = open > 0 ? regionOf(t.slice(open + 1, -1)) : null
      if (region) {
        trail.unshift(region)
        hi = lo + open
        more = true
      }
    }
  }

  const lead: Parsed['lead'] = []
  if (s[lo] === '(') {
    const close = s.indexOf(')', lo)
    const region = close > 0 && close < hi - 1 ? regionOf(s.slice(lo + 1, close)) : null
    if (region) {
      lead.push({ ...region, at: lo })
      lo = close + 1
    }
  }
  for (const part of leadingRegions(s.slice(lo, hi))) {
    lead.push({ ...part, at: lo })
    lo += part.text.length
  }
  // A name that is all place and 行业 (重庆银行, 北京市) keeps its last place as its 字号.
  while (lead.length > 0 && industryEnd(bare(s.slice(lo, hi)), 0) === 0) lo = (lead.pop() as { at: number }).at

  // A bracketed place inside the core goes too: 华夏物流（石家庄）实业有限公司.
  const cuts: [number, number][] = []
  for (const m of s.slice(lo, hi).matchAll(/\(([^()]*)\)/g)) {
    const region = regionOf(m[1] as string)
    if (region && m.index > 0) {
      trail.push(region)
      cuts.push([lo + m.index, lo + m.index + m[0].length])
    }
  }
  return { s, shown, lo, hi, cuts, lead, trail, legalForm, branch }
}

/** The core of `text` (s or shown): the span between the places and the legal form, inner places cut out, no brackets. */
function coreOf(p: Parsed, text: string): string {
  let out = ''
  let at = p.lo
  for (const [from, to] of p.cuts) {
    out += text.slice(at, from)
    at = to
  }
  return bare(out + text.slice(at, p.hi))
}

const bare = (s: string) => s.replace(/[()]/g, '')

/** The core (字号 + 行业) alone, normalised, without its pinyin: for callers that read the pinyin of the whole name. */
export const coreOfName = (name: string): string => {
  const p = parse(name)
  return coreOf(p, p.s)
}

/** The parts of a company name; 深圳华为技术有限公司, 华为技术（深圳）有限公司 and 華為技術有限公司 share core 华为技术. */
export function companyNameKey(name: string): CompanyNameKey {
  const p = parse(name)
  const core = coreOf(p, p.s)
  const tradeEnd = industryEnd(core, 2)
  const places = [...p.lead, ...p.trail]
  const sound = pinyinKeys(core)
  const deepest = places.reduce<RegionPart | undefined>(
    (a, b) => (a && a.code.length >= b.code.length ? a : b),
    undefined,
  )
  return {
    region: deepest ? { text: places.map((r) => r.text).join(''), code: deepest.code } : null,
    core,
    tradeName: core.slice(0, tradeEnd),
    industry: core.slice(tradeEnd),
    legalForm: p.legalForm,
    branch: p.branch && { text: p.branch.text, place: p.branch.place, kind: p.branch.kind },
    pinyin: sound.full,
    initials: sound.initials,
  }
}

/** 简称: the name as written without its region and legal form, a branch kept (深圳市华为技术有限公司 → 华为技术). */
export function shortNameOf(name: string): string {
  const p = parse(name)
  const core = coreOf(p, p.shown)
  return p.branch ? core + p.shown.slice(p.branch.at) : core
}
