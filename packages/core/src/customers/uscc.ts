import { type Issue, issue, text } from '../errors.js'

// GB 32100-2015: 31 characters (no I, O, S, V, Z); weights 3^(i-1) mod 31.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

/** The USCC as stored and compared: NFKC, no spaces or dashes, upper case. */
export const normalizeUscc = (raw: string): string => raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()

/** The 18th character for the first 17 (which must be valid USCC characters). */
export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(first17[i] ?? '')
    if (v < 0) throw new Error(`not a USCC character: ${first17[i]}`)
    sum += v * (WEIGHTS[i] as number)
  }
  return CHARS[(31 - (sum % 31)) % 31] as string
}

/** Every problem with a USCC (empty when valid); `path` names the field. */
export function validateUscc(raw: string, path: (string | number)[] = ['uscc']): Issue[] {
  const c = normalizeUscc(raw)
  if (c.length !== 18)
    return [
      issue(
        path,
        'USCC_LENGTH',
        text(`统一社会信用代码应为 18 位，实为 ${c.length} 位`, `A USCC has 18 characters, this one has ${c.length}`),
      ),
    ]
  if (!SHAPE.test(c))
    return [
      issue(
        path,
        'USCC_CHARACTERS',
        text(
          '统一社会信用代码含非法字符（第 3–8 位须为数字，不可含 I、O、S、V、Z）',
          'A USCC has invalid characters (positions 3–8 are digits; I, O, S, V, Z never appear)',
        ),
      ),
    ]
  const expected = usccCheckChar(c.slice(0, 17))
  if (expected !== c[17])
    return [
      issue(
        path,
        'USCC_CHECK_CHARACTER',
        text(
          `统一社会信用代码校验位错误：应为 ${expected}，实为 ${c[17]}`,
          `The USCC check character is wrong: expected ${expected}, found ${c[17]}`,
        ),
      ),
    ]
  return []
}
