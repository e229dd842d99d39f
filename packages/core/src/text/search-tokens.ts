import { coreOfName } from './company-name-key.js'
import { normalizeText } from './normalize-text.js'
import { pinyinOf, readPieces, type Syllable } from './pinyin.js'

/** What a name is indexed under, the same on SQLite and PostgreSQL. */
export interface SearchTokens {
  /** Every character and every pair of neighbouring characters of the normalised name, each once. */
  grams: string[]
  /** Full pinyin of the whole name and of its core: shenzhenhuaweijishuyouxiangongsi, huaweijishu */
  pinyin: string[]
  /** Pinyin initials of the whole name and of its core: szhwjsyxgs, hwjs */
  initials: string[]
}

/** What a query looks for: all of `grams` in the name (then a substring check), or a pinyin prefix. */
export interface QueryTokens {
  /** The query normalised as the names are (華為 → 华为) */
  text: string
  /** A one-character query its character, a longer one its pairs: 华为技术 → 华为, 为技, 技术 */
  grams: string[]
  /** Lower-case letters and digits to match as a prefix of the pinyin and initials; null when the query has other characters */
  pinyin: string | null
}

function bigrams(s: string): string[] {
  const chars = [...s]
  return chars.slice(1).map((c, i) => chars[i] + c)
}

const distinct = (xs: string[]) => [...new Set(xs.filter((x) => x !== ''))]

/** The index tokens of a name (or a short name, a code, any text a customer is found by). */
export function searchTokens(name: string): SearchTokens {
  const text = normalizeText(name)
  const core = coreOfName(name)
  // pinyin-pro is most of the cost, so the name is read in one call, in three pieces: place, core, legal form.
  // Read apart, a place cannot change the core's reading (广州市长城 is not 市长, mayor).
  const at = core === '' ? -1 : text.indexOf(core)
  // The core is the second piece either way; where a place was cut out of its middle it is read apart.
  const read = readPieces(at < 0 ? [text, core] : [text.slice(0, at), core, text.slice(at + core.length)])
  const whole = pinyinOf(at < 0 ? (read[0] as Syllable[]) : read.flat())
  const own = pinyinOf(read[1] as Syllable[])
  return {
    grams: distinct([...text, ...bigrams(text)]),
    pinyin: distinct([whole.full, own.full]),
    initials: distinct([whole.initials, own.initials]),
  }
}

/** The tokens a typed query is looked up by; a 2-character query is one bigram, so 华为 and 華為 both find 华为. */
export function queryTokens(query: string): QueryTokens {
  const text = normalizeText(query)
  const chars = [...text]
  return {
    text,
    grams: chars.length === 1 ? chars : distinct(bigrams(text)),
    pinyin: /^[a-z0-9]+$/.test(text) ? text : null,
  }
}
