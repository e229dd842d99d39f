import { pinyin } from 'pinyin-pro'

/**
 * Place names whose reading pinyin-pro gets wrong (checked against pinyin-pro 3.29), plus the
 * common polyphonic ones it gets right today, pinned so a dictionary update cannot change stored keys.
 */
const READINGS: Record<string, string[]> = {
  重庆: ['chong', 'qing'],
  长沙: ['chang', 'sha'],
  长春: ['chang', 'chun'],
  厦门: ['xia', 'men'],
  朝阳: ['chao', 'yang'],
  单县: ['shan', 'xian'],
  六安: ['lu', 'an'],
  六合: ['lu', 'he'],
  尉氏: ['yu', 'shi'],
  涡阳: ['guo', 'yang'],
  乐亭: ['lao', 'ting'],
  乐清: ['yue', 'qing'],
  会稽: ['kuai', 'ji'],
  洪洞: ['hong', 'tong'],
  黄陂: ['huang', 'pi'],
  蔚县: ['yu', 'xian'],
  繁峙: ['fan', 'shi'],
  大埔: ['da', 'bu'],
  蚌埠: ['beng', 'bu'],
  番禺: ['pan', 'yu'],
}
const OVERRIDE = new RegExp(
  Object.keys(READINGS)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
)

const HAN = /\p{Script=Han}/u

/** One token per character: a pinyin syllable (lower case, ü as v) for Han, the character itself otherwise. */
function tokens(input: string): { han: boolean; value: string }[] {
  const s = input.normalize('NFKC')
  const out: { han: boolean; value: string }[] = []
  const pushText = (part: string) => {
    // Runs of Han characters go to pinyin-pro whole, so it can read words in context (银行 → hang).
    for (const run of part.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      if (HAN.test(run)) {
        const syllables = pinyin(run, { toneType: 'none', type: 'array', v: true })
        for (const syl of syllables) out.push({ han: true, value: syl.toLowerCase() })
      } else for (const ch of run) out.push({ han: false, value: ch })
    }
  }
  let at = 0
  for (const m of s.matchAll(OVERRIDE)) {
    pushText(s.slice(at, m.index))
    for (const syl of READINGS[m[0]] as string[]) out.push({ han: true, value: syl })
    at = m.index + m[0].length
  }
  pushText(s.slice(at))
  return out
}

const isAlnum = (s: string) => /^[A-Za-z0-9]+$/.test(s)

/** 助记码: pinyin initials upper case; ASCII letters and digits kept, everything else dropped. 重庆银行 → CQYH. */
export function buildMnemonic(shortNameOrName: string): string {
  return tokens(shortNameOrName)
    .map((t) => (t.han ? (isAlnum(t.value) ? t.value[0] : '') : isAlnum(t.value) ? t.value : ''))
    .join('')
    .toUpperCase()
}

/** Search key: whole pinyin, lower case, no tones or spaces; ASCII letters and digits kept. 重庆 → chongqing. */
export function fullPinyin(s: string): string {
  return tokens(s)
    .map((t) => (isAlnum(t.value) ? t.value : ''))
    .join('')
    .toLowerCase()
}

/** Province-level names and the larger cities, as a company name starts with them (北京市…, (上海)…). */
const REGION_NAMES = [
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '台湾',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
  '深圳',
  '广州',
  '杭州',
  '南京',
  '苏州',
  '武汉',
  '成都',
  '西安',
  '沈阳',
  '大连',
  '青岛',
  '厦门',
  '宁波',
  '济南',
  '郑州',
  '长沙',
  '长春',
  '哈尔滨',
  '合肥',
  '福州',
  '昆明',
  '南宁',
  '贵阳',
  '兰州',
  '太原',
  '石家庄',
  '南昌',
  '无锡',
  '佛山',
  '东莞',
]
const REGION_SUFFIX = '(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|地区|区|县)?'
const REGION = `(?:${REGION_NAMES.join('|')})${REGION_SUFFIX}`
const LEADING_REGION = new RegExp(`^(?:[(（]${REGION}[)）]|${REGION})+`)
const INNER_REGION = new RegExp(`[(（]${REGION}[)）]`, 'g')
/** Legal forms, longest first, as they end a company name. */
const LEGAL_FORM =
  /(?:股份有限公司|有限责任公司|集团有限公司|集团股份有限公司|有限公司|股份公司|集团公司|合伙企业（有限合伙）|合伙企业|集团|公司|厂|商行)$/

/**
 * The part of a company name that tells it apart: region prefixes (北京市, (上海)) and the legal form
 * (有限公司, 股份有限公司 …) removed. The region stays when fewer than three characters would be left
 * (重庆银行 is not 银行), and the whole name when nothing would be.
 */
export function distinctiveName(name: string): string {
  const s = name.normalize('NFKC').replace(/\s+/g, '')
  const noForm = s.replace(LEGAL_FORM, '').replace(INNER_REGION, '')
  const core = noForm.replace(LEADING_REGION, '')
  if (core.length >= 3) return core
  return noForm.length > 0 ? noForm : s
}

/** A customer's automatic 助记码: from the short name when there is one, else from the distinctive part of the name. */
export function customerMnemonic(shortName: string | null | undefined, name: string): string {
  return shortName ? buildMnemonic(shortName) : buildMnemonic(distinctiveName(name))
}
