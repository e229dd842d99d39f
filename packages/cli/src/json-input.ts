import { cleanInput, invalid, issue, text } from '@kehu/core'

/**
 * JSON the user typed in a flag or named as a file, parsed and checked as the HTTP edge checks bodies:
 * no NUL or lone surrogate, bounded text and nesting, NFC (docs/decisions/0012). `what` names the flag or file.
 */
export function parseJsonInput(raw: string, what: string): unknown {
  let parsed: unknown
  try {
    parsed = JSON.parse(raw.replace(/^\uFEFF/, ''))
  } catch {
    const message = text(`${what} 不是有效的 JSON`, `${what} is not valid JSON`)
    throw invalid('CLI_JSON_INVALID', message, [issue([what], 'CLI_JSON_INVALID', message)])
  }
  const { value, issues } = cleanInput(parsed)
  if (issues.length > 0)
    throw invalid('CLI_TEXT_INVALID', text(`${what} 含有无效的文本`, `${what} contains text that is not valid`), issues)
  return value
}
