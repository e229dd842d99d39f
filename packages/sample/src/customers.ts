import { usccCheckChar } from '@kehu/core'
import { type City, type District, type Province, provinces } from './geo.js'
import { permute, Random, Weighted, weighted } from './random.js'
import { demoSchemes, type IndustryLeaf, industryLeaves, leavesOf, type SampleScheme, TYPE_WEIGHTS } from './schemes.js'
import {
  BANKS,
  type Bank,
  BUILDING_SUFFIXES,
  FREE_MAIL,
  GIVEN,
  MAILBOXES,
  pinyinOf,
  REMARKS,
  ROADS,
  SURNAMES,
  TRADE_NAMES,
} from './words.js'

/**
 * One generated customer, in the shape of `CustomerInput` (docs/decisions/0014-design-brief.md, "Customer input"):
 * camelCase glossary names, the built-in schemes as node codes. `taxNumber` equals the USCC, as it has since 三证合一.
 */
export interface SampleCustomer {
  name: string
  shortName: string
  uscc: string
  legalRepresentative: string
  address: string
  postcode: string
  phone: string
  email: string
  website?: string
  bankName: string
  bankAccount: string
  taxNumber: string
  /** A node code of 客户类型 */
  type: string
  /** A leaf code of 客户分类 */
  class: string
  /** A leaf code of 地区分类 */
  region: string
  /** A leaf code of 行业 */
  industry: string
  /** 建档日期, YYYY-MM-DD, within the five years up to `today` */
  registrationDate: string
  /** A, B, C or D */
  creditGrade: string
  /** Yuan as a decimal string with two places, e.g. '500000.00' */
  creditLimit: string
  remarks?: string
}

export interface SampleOptions {
  /** Draw type, class, region and industry from these schemes (by scheme code) instead of the demo's. */
  schemes?: SampleScheme[]
  /** The day registration dates count back from (YYYY-MM-DD); fixed so that data never depends on the clock. */
  today?: string
}

/** The seed used when none is given. */
export const DEFAULT_SEED = 20240601
/** The default end of the registration-date window. */
export const SAMPLE_TODAY = '2026-06-30'

const DAY = 86_400_000
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
// Organisation-code bodies (GB 11714, positions 9–16 of a USCC): new ones are `MA` + 6 USCC
// characters, old ones 8 digits not starting with 0. Each kind is a keyed permutation of a
// counter, so no body — and hence no USCC — repeats within a stream.
const MA_SPACE = 31 ** 6
const OLD_SPACE = 9 * 10 ** 7
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
const MOBILE_PREFIXES =
  '130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 198 199'.split(
    ' ',
  )
const FORMS = weighted([
  ['有限公司', 62],
  ['有限责任公司', 12],
  ['股份有限公司', 12],
  ['集团有限公司', 6],
  ['实业有限公司', 8],
] as const)
const SOLO_FORMS = ['经营部', '商行'] as const
const GENERIC_WORDS = [
  { word: '实业', ascii: 'sy' },
  { word: '科技', ascii: 'tech' },
  { word: '发展', ascii: 'fz' },
  { word: '贸易', ascii: 'trade' },
]
const GRADES = ['A', 'B', 'C', 'D'] as const
const GRADES_TOP = new Weighted(GRADES, [45, 40, 12, 3])
const GRADES_PROSPECT = new Weighted(GRADES, [5, 30, 40, 25])
const GRADES_USUAL = new Weighted(GRADES, [20, 45, 25, 10])
// Credit limits in units of 5,000 yuan per grade.
const LIMITS: Record<string, [number, number]> = { A: [100, 1000], B: [20, 200], C: [4, 40], D: [0, 10] }
const TLDS = weighted([
  ['com', 50],
  ['com.cn', 30],
  ['cn', 20],
] as const)
const SURNAME_PICKER = new Weighted(
  SURNAMES,
  SURNAMES.map((_, i) => 1 / (i + 6)),
)
const BANK_PICKER = new Weighted(
  BANKS,
  BANKS.map((b) => b.weight),
)

interface Place {
  province: Province
  city: City
}

interface Plan {
  types: Weighted<string>
  regions: Weighted<{ code: string; province: Province }>
  classesByProvince: Map<Province, string[]>
  classesElsewhere: string[]
  classesAll: string[]
  industries: { code: string; words: IndustryLeaf['words']; solo: boolean }[]
}

function provincesIn(text: string): Province[] {
  return provinces.filter((p) => text.includes(p.name) || p.cities.some((c) => text.includes(c.name)))
}

function schemeOf(schemes: SampleScheme[] | undefined, code: string): SampleScheme {
  const s = schemes?.find((x) => x.code === code) ?? demoSchemes().find((x) => x.code === code)
  if (!s) throw new Error(`no scheme ${code}`)
  if (leavesOf(s.nodes).length === 0) throw new Error(`scheme ${code} has no nodes`)
  return s
}

const plans = new WeakMap<SampleScheme[], Plan>()
let demoPlan: Plan | undefined

/** What to draw from, prepared once per set of schemes. */
function planFor(schemes: SampleScheme[] | undefined): Plan {
  if (!schemes) {
    demoPlan ??= plan(undefined)
    return demoPlan
  }
  let p = plans.get(schemes)
  if (!p) {
    p = plan(schemes)
    plans.set(schemes, p)
  }
  return p
}

const dateWindows = new Map<string, string[]>()

/** Every day of the five years up to `today`, newest first (cached per `today`). */
function registrationDates(today: string): string[] {
  let dates = dateWindows.get(today)
  if (dates) return dates
  const todayMs = Date.parse(`${today}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(todayMs))
    throw new Error(`today is not a YYYY-MM-DD date: ${today}`)
  const d = new Date(todayMs)
  const fiveYearsAgo = Date.UTC(d.getUTCFullYear() - 5, d.getUTCMonth(), d.getUTCDate())
  const days = Math.round((todayMs - fiveYearsAgo) / DAY)
  dates = Array.from({ length: days + 1 }, (_, i) => new Date(todayMs - i * DAY).toISOString().slice(0, 10))
  if (dateWindows.size < 100) dateWindows.set(today, dates)
  return dates
}

/** A province for a region leaf that names none, fixed by its code. */
function provinceByHash(code: string): Province {
  let h = 0
  for (let i = 0; i < code.length; i++) h = (Math.imul(h, 31) + code.charCodeAt(i)) >>> 0
  return provinces[h % provinces.length] as Province
}

function plan(schemes: SampleScheme[] | undefined): Plan {
  const typeCodes = leavesOf(schemeOf(schemes, 'type').nodes).map((l) => l.node.code)
  const known = new Map(TYPE_WEIGHTS)
  const types = new Weighted(
    typeCodes,
    typeCodes.map((c) => known.get(c) ?? 10),
  )

  const byRegionCode = new Map(provinces.map((p) => [p.regionCode, p]))
  const regionLeaves = leavesOf(schemeOf(schemes, 'region').nodes).map((l) => ({
    code: l.node.code,
    province: byRegionCode.get(l.node.code) ?? provincesIn(l.node.name)[0] ?? provinceByHash(l.node.code),
  }))
  const regions = new Weighted(
    regionLeaves,
    regionLeaves.map((r) => r.province.weight),
  )

  const classesByProvince = new Map<Province, string[]>()
  const classesElsewhere: string[] = []
  const classesAll: string[] = []
  for (const { node, path } of leavesOf(schemeOf(schemes, 'class').nodes)) {
    classesAll.push(node.code)
    let found: Province[] = []
    for (let i = path.length - 1; i >= 0 && found.length === 0; i--) found = provincesIn(path[i] as string)
    if (found.length === 0) classesElsewhere.push(node.code)
    for (const p of found) {
      const list = classesByProvince.get(p) ?? []
      list.push(node.code)
      classesByProvince.set(p, list)
    }
  }

  const demoIndustry = new Map(industryLeaves.map((l) => [l.code, l]))
  const industries = leavesOf(schemeOf(schemes, 'industry').nodes).map(({ node }) => {
    const leaf =
      demoIndustry.get(node.code) ?? industryLeaves.find((l) => l.name === node.name || node.name.includes(l.name))
    return { code: node.code, words: leaf?.words ?? GENERIC_WORDS, solo: leaf?.solo ?? false }
  })

  return { types, regions, classesByProvince, classesElsewhere, classesAll, industries }
}

function orgCheck(body: string): string {
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const c = body.charCodeAt(i)
    sum += (c <= 57 ? c - 48 : c - 55) * (ORG_WEIGHTS[i] as number)
  }
  const v = 11 - (sum % 11)
  return v === 10 ? 'X' : v === 11 ? '0' : String(v)
}

function base31(v: number, width: number): string {
  let s = ''
  for (let i = 0; i < width; i++) {
    s = USCC_CHARS[v % 31] + s
    v = Math.floor(v / 31)
  }
  return s
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))
const shortDistrict = (d: District) => d.name.replace(/(新区|区)$/, '')

/**
 * An unbounded, deterministic stream of customers: the same seed (and options) always yields the
 * same sequence, on any machine; names and USCCs never repeat within one stream.
 * The PRNG is sfc32 seeded through splitmix32 (see random.ts).
 */
export function* customerStream(seed: number = DEFAULT_SEED, opts: SampleOptions = {}): Generator<SampleCustomer> {
  const rng = new Random(seed)
  const p = planFor(opts.schemes)
  const maKey = rng.uint32()
  const oldKey = rng.uint32()
  const dates = registrationDates(opts.today ?? SAMPLE_TODAY)
  const names = new Set<string>()
  let maCounter = 0
  let oldCounter = 0

  while (true) {
    const { code: region, province } = p.regions.pick(rng)
    const city = pickCity(rng, province)
    const place: Place = { province, city }
    const industry = rng.pick(p.industries)
    const type = p.types.pick(rng)
    const solo = industry.solo && type !== 'VIP' && type !== 'V' && rng.chance(0.25)

    // Name: retry with another 字号, pattern and district until unused in this stream.
    let name = ''
    let shortName = ''
    let word = industry.words[0] as IndustryLeaf['words'][number]
    let district = rng.pick(city.districts)
    let inName = false
    let zihao = ''
    for (let attempt = 0; attempt < 30; attempt++) {
      zihao = rng.pick(TRADE_NAMES)
      word = rng.pick(industry.words)
      district = rng.pick(city.districts)
      const made = companyName(rng, place, district, zihao, word.word, solo)
      name = made.name
      inName = made.districtInName
      if (!names.has(name)) break
    }
    if (names.has(name)) {
      const base = name
      for (let k = 2; names.has(name); k++) name = `${base}第${k}分公司`
    }
    names.add(name)
    shortName = zihao + word.word

    // USCC: 91 (enterprise) or 92 (个体工商户), the area code of the place, an organisation code with
    // its GB 11714 check character, and the GB 32100 check character.
    let body: string
    if (rng.chance(0.72)) {
      body = `MA${base31(permute(maCounter++ % MA_SPACE, MA_SPACE, 15, maKey), 6)}`
    } else {
      body = String(10_000_000 + permute(oldCounter++ % OLD_SPACE, OLD_SPACE, 14, oldKey))
    }
    const area = inName || rng.chance(0.7) ? district.code : city.code
    const first17 = `${solo ? '92' : '91'}${area}${body}${orgCheck(body)}`
    const uscc = first17 + usccCheckChar(first17)

    const legalRepresentative = personName(rng)
    const address = makeAddress(rng, place, district)
    const postcode = city.postPrefix + rng.digits(3)
    const phone = rng.chance(0.45)
      ? rng.pick(MOBILE_PREFIXES) + rng.digits(8)
      : `${city.areaCode}-${rng.between(2, 8)}${rng.digits(city.areaCode.length === 3 || rng.chance(0.8) ? 7 : 6)}`

    const domainBase = pinyinOf(zihao) + word.ascii
    let website: string | undefined
    let email: string
    if (!solo && rng.chance(0.55)) {
      const domain = `${domainBase}.${TLDS.pick(rng)}`
      website = `www.${domain}`
      email = `${rng.pick(MAILBOXES)}@${domain}`
    } else if (!solo && rng.chance(0.35)) {
      email = `${rng.pick(MAILBOXES)}@${domainBase}.${TLDS.pick(rng)}`
    } else {
      const free = rng.pick(FREE_MAIL)
      const local =
        free === 'qq.com'
          ? `${rng.between(1, 9)}${rng.digits(rng.between(5, 9))}`
          : pinyinOf(legalRepresentative) + (rng.chance(0.6) ? String(rng.between(1960, 2005)) : '')
      email = `${local}@${free}`
    }

    const bank: Bank = BANK_PICKER.pick(rng)
    const bankName = rng.chance(0.4)
      ? `${bank.name}${city.name}分行`
      : `${bank.name}${city.name}${shortDistrict(district)}支行`
    const bankAccount = bank.prefix + rng.digits(bank.length - bank.prefix.length)

    const registrationDate = dates[rng.int(dates.length)] as string
    const grades = type === 'V' || type === 'VIP' ? GRADES_TOP : type === 'P' ? GRADES_PROSPECT : GRADES_USUAL
    const creditGrade = grades.pick(rng)
    const [lo, hi] = LIMITS[creditGrade] as [number, number]
    const units = rng.between(lo, hi)
    const creditLimit = `${(solo ? Math.floor(units / 5) : units) * 5000}.00`

    const geo = p.classesByProvince.get(province)
    const cls =
      geo && rng.chance(0.85)
        ? rng.pick(geo)
        : rng.pick(p.classesElsewhere.length > 0 ? p.classesElsewhere : p.classesAll)

    // Built field by field so that keys keep the interface's order with or without a website.
    const customer = { name, shortName, uscc, legalRepresentative, address, postcode, phone, email } as SampleCustomer
    if (website) customer.website = website
    customer.bankName = bankName
    customer.bankAccount = bankAccount
    customer.taxNumber = uscc
    customer.type = type
    customer.class = cls
    customer.region = region
    customer.industry = industry.code
    customer.registrationDate = registrationDate
    customer.creditGrade = creditGrade
    customer.creditLimit = creditLimit
    if (rng.chance(0.2)) customer.remarks = rng.pick(REMARKS)
    yield customer
  }
}

/** `count` customers: exactly the first `count` of `customerStream(seed, opts)`. */
export function generateCustomers(
  count: number,
  seed: number = DEFAULT_SEED,
  opts: SampleOptions = {},
): SampleCustomer[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, not ${count}`)
  const out: SampleCustomer[] = []
  if (count === 0) return out
  for (const c of customerStream(seed, opts)) {
    out.push(c)
    if (out.length === count) break
  }
  return out
}

function pickCity(rng: Random, province: Province): City {
  // The capital (listed first) holds about half of a province's customers.
  const cities = province.cities
  if (cities.length === 1 || rng.chance(0.5)) return cities[0] as City
  return rng.pick(cities)
}

function companyName(
  rng: Random,
  { province, city }: Place,
  district: District,
  zihao: string,
  word: string,
  solo: boolean,
): { name: string; districtInName: boolean } {
  if (solo)
    return { name: `${city.name}市${district.name}${zihao}${word}${rng.pick(SOLO_FORMS)}`, districtInName: true }
  const form = FORMS.pick(rng)
  const r = rng.float()
  if (r < 0.38) return { name: `${city.name}${zihao}${word}${form}`, districtInName: false }
  if (r < 0.62) return { name: `${city.name}市${zihao}${word}${form}`, districtInName: false }
  if (r < 0.77) {
    const cityPart = province.municipality ? city.name : `${city.name}市`
    return { name: `${cityPart}${district.name}${zihao}${word}${form}`, districtInName: true }
  }
  if (r < 0.87) return { name: `${zihao}${word}（${city.name}）${form}`, districtInName: false }
  return { name: `${province.name}${zihao}${word}${form}`, districtInName: false }
}

function personName(rng: Random): string {
  const given = rng.chance(0.65) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN)
  return SURNAME_PICKER.pick(rng) + given
}

function makeAddress(rng: Random, { province, city }: Place, district: District): string {
  const head = province.municipality
    ? `${province.fullName}${district.name}`
    : `${rng.chance(0.7) ? province.fullName : ''}${city.name}市${district.name}`
  let addr = `${head}${rng.pick(ROADS)}${rng.between(1, 999)}号`
  const r = rng.float()
  if (r < 0.35) {
    addr += `${rng.pick(TRADE_NAMES)}${rng.pick(BUILDING_SUFFIXES)}${rng.between(1, 32)}${pad2(rng.between(1, 20))}室`
  } else if (r < 0.55) {
    addr += `${rng.pick(TRADE_NAMES)}${rng.pick(BUILDING_SUFFIXES)}${rng.between(1, 12)}栋${rng.between(1, 25)}层`
  }
  return addr
}
