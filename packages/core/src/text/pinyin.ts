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

/** One syllable per character (code point) of the NFKC form of `input`. */
export function syllables(input: string): Syllable[] {
  const s = input.normalize('NFKC')
  const out: Syllable[] = []
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
