import type { TransferColumn } from './columns.js'

/** Which column of a file fills which target (`null`: ignored). Index is the column's position in the file. */
export interface ImportMapping {
  columns: Array<{ index: number; header: string; target: string | null }>
}

const REQUIRED_MARK = /(\*|\(必填\)|\(required\))+$/u

/**
 * A header as it is compared: NFKC (full-width brackets and letters become ASCII), lower case, no spaces, and a
 * trailing required mark (`*`, `（必填）`) removed, so `客户名称*`, ` 客户名称 ` and `客户名称（必填）` are one header.
 */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/\s+/gu, '').replace(REQUIRED_MARK, '')
}

/** Every name a column answers to, normalised: its label in both languages, its target and its aliases. */
function namesOf(column: TransferColumn): string[] {
  return [column.header.zh, column.header.en, column.target, ...column.aliases].map(normalizeHeader)
}

/**
 * The suggested mapping of a file's headers onto the template's columns. A header matches a column by its
 * Chinese or English label, its target or an alias; a merged header (`联系方式/电话`) by its last part when the
 * whole does not match. Each target is filled by one column at most: the first header naming it wins.
 */
export function matchHeaders(headers: readonly string[], columns: readonly TransferColumn[]): ImportMapping {
  const byName = new Map<string, string>()
  for (const c of columns) for (const n of namesOf(c)) if (n && !byName.has(n)) byName.set(n, c.target)
  const used = new Set<string>()
  const lookup = (h: string): string | null => {
    const whole = byName.get(normalizeHeader(h))
    if (whole) return whole
    const parts = h.split('/')
    return parts.length > 1 ? (byName.get(normalizeHeader(parts[parts.length - 1]!)) ?? null) : null
  }
  return {
    columns: headers.map((header, index) => {
      const t = lookup(header)
      const target = t && !used.has(t) ? t : null
      if (target) used.add(target)
      return { index, header, target }
    }),
  }
}
