import { DIVISIONS } from './divisions.js'

/** A place as a company name writes it, with its GB/T 2260 code (2, 4 or 6 digits; '' for 中国 or unknown). */
export interface RegionPart {
  text: string
  code: string
}

interface Division {
  code: string
  /** A name may open a company name on its own: provinces, prefectures, and counties written in full as 市 or 县. */
  opens: boolean
}

const ETHNIC =
  '维吾尔|蒙古|朝鲜|土家|布依|哈尼|景颇|傈僳|哈萨克|柯尔克孜|仡佬|纳西|拉祜|独龙|普米|撒拉|保安|裕固|东乡|达斡尔|鄂温克|鄂伦春|锡伯|塔吉克|仫佬|毛南|布朗|阿昌|德昂|基诺|门巴|珞巴|塔塔尔|俄罗斯|乌孜别克|京|壮|回|藏|苗|侗|彝|傣|白|羌|黎|满|瑶|畲|水|佤|怒|土|各'
// Short forms people write: 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边, 深圳市 → 深圳, 海淀区 → 海淀.
const AUTONOMOUS = new RegExp(`^(.{2,}?)(?:(?:${ETHNIC})族?)+自治(?:区|州|县|旗)$`)
const SUFFIX = /^(.{2,}?)(?:特别行政区|自治区|地区|林区|新区|省|市|盟|区|县|旗)$/

let index: Map<string, Division[]> | undefined

/** Every division under its full and short names, built on first use. */
function divisions(): Map<string, Division[]> {
  if (index) return index
  const map = new Map<string, Division[]>()
  const add = (name: string, division: Division) => map.set(name, [...(map.get(name) ?? []), division])
  const put = (code: string, name: string, opens: (full: boolean) => boolean) => {
    add(name, { code, opens: opens(true) })
    const short = AUTONOMOUS.exec(name)?.[1] ?? SUFFIX.exec(name)?.[1]
    // A 地区's short name is too often a word of its own to open a name (阿里巴巴 is not in 阿里地区).
    if (short) add(short, { code, opens: opens(false) && !name.endsWith('地区') })
  }
  for (const line of DIVISIONS.split('\n')) {
    const [head, ...counties] = line.split(' ') as [string, ...string[]]
    const code = /^\d+/.exec(head)?.[0] as string
    const name = head.slice(code.length)
    if (name) put(code, name, () => true)
    for (const county of counties)
      put(`${code}${county.slice(0, 2)}`, county.slice(2), (full) => full && /[市县]$/.test(county))
  }
  add('中国', { code: '', opens: false })
  index = map
  return map
}

const commonPrefix = (codes: string[]): string =>
  codes.reduce((a, b) => {
    let i = 0
    while (i < a.length && a[i] === b[i]) i++
    return a.slice(0, i)
  })

const LONGEST = 12

/**
 * The places a normalised name starts with, each inside the one before (广东省深圳市南山区 → three),
 * so that a trade name that happens to be a county elsewhere (巴彦淖尔市东方莲花…) is not taken.
 * `anyFirst` lets the first place be a county's short name too, as in a branch's place (南山支行),
 * when no province or prefecture has that name.
 */
export function leadingRegions(s: string, anyFirst = false): RegionPart[] {
  const found: RegionPart[] = []
  let at = 0
  while (at < s.length) {
    const parent = found[found.length - 1]
    let next: RegionPart | undefined
    for (let len = Math.min(LONGEST, s.length - at); len >= 2 && !next; len--) {
      const text = s.slice(at, at + len)
      // 市政 and 市场 are trades: 德兴市政工程 is 德兴 + 市政工程, not 德兴市 + 政工程.
      if (text.endsWith('市') && /^[政场]/.test(s.slice(at + len))) continue
      const all = divisions().get(text) ?? []
      // First places that open names: (西安) is 西安市, not one of the 西安区 of 辽源 and 牡丹江.
      const opening = all.filter((d) => d.opens)
      const fits = parent
        ? all.filter((d) => d.code.length > parent.code.length && d.code.startsWith(parent.code))
        : opening.length > 0 || !anyFirst
          ? opening
          : all
      if (fits.length > 0) next = { text, code: commonPrefix(fits.map((d) => d.code)) }
    }
    if (!next) break
    found.push(next)
    at += next.text.length
  }
  return found
}

/** The place a whole text names (深圳, 广东省深圳市, 中国), or null. */
export function regionOf(s: string): RegionPart | null {
  const parts = leadingRegions(s, true)
  const last = parts[parts.length - 1]
  return last && parts.reduce((n, p) => n + p.text.length, 0) === s.length ? { text: s, code: last.code } : null
}

/**
 * Whether two names' places can be the same company's: either has none, or one contains the other
 * (广东 and 深圳 agree, 深圳 and 北京 conflict). An unknown code ('', as for 中国) agrees with any.
 */
export const regionsAgree = (a: RegionPart | null, b: RegionPart | null): boolean =>
  !a || !b || a.code.startsWith(b.code) || b.code.startsWith(a.code)
