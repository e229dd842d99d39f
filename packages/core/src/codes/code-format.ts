import { type Text, text } from '../errors.js'

/** The longest customer code, typed or generated. */
export const CODE_MAX_LENGTH = 40
/** Characters a (normalised) code may hold; the first must be a letter or digit. */
export const CODE_CHARS = /^[A-Z0-9._\-/]$/
const CODE_FORMAT = new RegExp(`^[A-Z0-9][A-Z0-9._\\-/]{0,${CODE_MAX_LENGTH - 1}}$`)

/** The one rule every customer code obeys, typed or generated (already normalised). */
export const isCodeFormat = (code: string): boolean => CODE_FORMAT.test(code)

export const CODE_FORMAT_TEXT = text(
  `编码须为 1–${CODE_MAX_LENGTH} 位字母、数字或 . _ - /，以字母或数字开头`,
  `A code has 1–${CODE_MAX_LENGTH} letters, digits or . _ - /, starting with a letter or digit`,
)

/** Why a normalised code breaks the format, in the user's words; null when it obeys it. */
export function codeFormatProblem(code: string): Text | null {
  if (isCodeFormat(code)) return null
  const chars = Array.from(code)
  if (chars.length === 0) return text('编码为空', 'The code is empty')
  if (chars.length > CODE_MAX_LENGTH)
    return text(
      `编码“${code}”有 ${chars.length} 位，最多 ${CODE_MAX_LENGTH} 位`,
      `The code "${code}" has ${chars.length} characters; at most ${CODE_MAX_LENGTH} are allowed`,
    )
  const bad = chars.filter((c) => !CODE_CHARS.test(c))
  if (bad.length > 0)
    return text(
      `编码“${code}”含不允许的字符 ${[...new Set(bad)].map((c) => `“${c}”`).join('')}（只允许字母、数字和 . _ - /）`,
      `The code "${code}" contains ${[...new Set(bad)].map((c) => `"${c}"`).join(', ')}; only letters, digits and . _ - / are allowed`,
    )
  return text(`编码“${code}”须以字母或数字开头`, `The code "${code}" must start with a letter or digit`)
}
