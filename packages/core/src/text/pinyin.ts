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

/** A character's reading: a pinyin syllable (lower case, ü as v) for Han, the character itself otherwise. */
export interface Syllable {
  han: boolean
  value: string
}

const readOf = (text: string): string[] => pinyin(text, { toneType: 'none', type: 'array', v: true })

/**
 * One syllable per character (code point) of the NFKC form of each piece, read in one pinyin-pro call
 * (a call costs more than its characters): the pieces are joined with spaces, which pinyin-pro does not
 * read across, so a piece keeps its own context (广州市 | 长城, not 市长).
 */
export function readPieces(pieces: string[]): Syllable[][] {
  const parts = pieces.map((p) => [...p.normalize('NFKC')])
  const text = parts.map((p) => p.join('')).join(' ')
  const chars = [...text]
  let read = HAN.test(text) ? readOf(text) : chars
  // pinyin-pro gives one item per character; should it ever not, each character is read alone.
  if (read.length !== chars.length) read = chars.map((c) => (HAN.test(c) ? (readOf(c)[0] ?? c) : c))
  for (const m of text.matchAll(OVERRIDE)) {
    let at = [...text.slice(0, m.index)].length
    for (const syl of READINGS[m[0]] as string[]) read[at++] = syl
  }
  let at = 0
  return parts.map((part) => {
    const out = part.map((c, i) => {
      const han = HAN.test(c)
      return { han, value: han ? (read[at + i] as string).toLowerCase() : c }
    })
    at += part.length + 1
    return out
  })
}

/** One syllable per character (code point) of the NFKC form of `input`. */
export const syllables = (input: string): Syllable[] => readPieces([input])[0] as Syllable[]

const isAlnum = (s: string) => /^[A-Za-z0-9]+$/.test(s)

/** Full pinyin and initials of some syllables, lower case; ASCII letters and digits kept, everything else dropped. */
export function pinyinOf(read: Syllable[]): { full: string; initials: string } {
  let full = ''
  let initials = ''
  for (const t of read)
    if (isAlnum(t.value)) {
      full += t.value
      initials += t.han ? t.value[0] : t.value
    }
  return { full: full.toLowerCase(), initials: initials.toLowerCase() }
}

/** Full pinyin and initials of a text in one reading. */
export const pinyinKeys = (s: string): { full: string; initials: string } => pinyinOf(syllables(s))

/** 助记码: pinyin initials upper case; ASCII letters and digits kept, everything else dropped. 重庆银行 → CQYH. */
export const buildMnemonic = (shortNameOrName: string): string => pinyinKeys(shortNameOrName).initials.toUpperCase()

/** Search key: whole pinyin, lower case, no tones or spaces; ASCII letters and digits kept. 重庆 → chongqing. */
export const fullPinyin = (s: string): string => pinyinKeys(s).full
