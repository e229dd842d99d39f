import { normalizeCode } from './normalize-code.js'

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** The letters and digits of a code that a check character covers (separators are skipped). */
const checkedChars = (body: string): string[] => Array.from(normalizeCode(body)).filter((c) => ALNUM.includes(c))

/**
 * The check character for `body`: ISO 7064 MOD 11-2 when its letters and digits are all digits
 * (result `0`–`9` or `X`), otherwise ISO 7064 MOD 37,36 (result always a letter or digit).
 */
export function checkCharacter(body: string): string {
  const chars = checkedChars(body)
  return chars.every((c) => c >= '0' && c <= '9') ? mod11_2(chars) : mod37_36(chars)
}

/** Whether the last character of `code` is the check character of the rest. */
export function verifyCheckCharacter(code: string): boolean {
  const chars = Array.from(normalizeCode(code))
  const last = chars.pop()
  return last !== undefined && checkCharacter(chars.join('')) === last
}

// ISO 7064 pure system MOD 11-2 (as in GB 11643): P = 2(P + a) mod 11, then the check c makes P + c ≡ 1.
function mod11_2(digits: string[]): string {
  let p = 0
  for (const d of digits) p = ((p + Number(d)) * 2) % 11
  const c = (12 - p) % 11
  return c === 10 ? 'X' : String(c)
}

// ISO 7064 hybrid system MOD 37,36: alphabet 0-9A-Z, so the check is itself a letter or digit.
function mod37_36(chars: string[]): string {
  const m = 36
  let p = m
  for (const ch of chars) {
    let s = (p + ALNUM.indexOf(ch)) % m
    if (s === 0) s = m
    p = (s * 2) % (m + 1)
  }
  return ALNUM[(m + 1 - p) % m] as string
}
