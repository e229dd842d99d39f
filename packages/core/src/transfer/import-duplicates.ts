import { normalizeCode } from '../codes/normalize-code.js'
import { normalizeUscc } from '../customers/uscc.js'
import { type Text, text } from '../errors.js'
import { normalizeText } from '../text/normalize-text.js'

/** The keys a customer is recognised by in an import: code, USCC, and the exact normalised name. */
export type ImportKey = 'code' | 'uscc' | 'name'

/** A row's keys in their compared form (absent when the row has none). */
export function importKeysOf(input: {
  code?: unknown
  uscc?: unknown
  name?: unknown
}): Partial<Record<ImportKey, string>> {
  const out: Partial<Record<ImportKey, string>> = {}
  if (typeof input.code === 'string' && input.code.trim()) out.code = normalizeCode(input.code)
  if (typeof input.uscc === 'string' && input.uscc.trim()) out.uscc = normalizeUscc(input.uscc)
  if (typeof input.name === 'string' && normalizeText(input.name)) out.name = normalizeText(input.name)
  return out
}

export const IMPORT_KEY_LABELS: Record<ImportKey, Text> = {
  code: text('客户编码', 'customer code'),
  uscc: text('统一社会信用代码', 'USCC'),
  name: text('客户名称', 'customer name'),
}

// Two 32-bit FNV-1a hashes with different offsets, folded into one exact double (53 bits): a million rows' keys
// in a few tens of MB instead of their texts. A collision (about 1 in 10^4 for a million keys) flags one row.
export function importKeyHash(s: string): number {
  let a = 0x811c9dc5
  let b = 0x01000193
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff)
}

/** Remembers each key's first row in a file; tells a later row which of its keys an earlier row already had. */
export class InFileKeys {
  private readonly seen: Record<ImportKey, Map<number, number>> = { code: new Map(), uscc: new Map(), name: new Map() }

  /** The earlier rows sharing a key with this row; the row's keys no earlier row had are remembered. */
  check(row: number, keys: Partial<Record<ImportKey, string>>): Array<{ key: ImportKey; row: number }> {
    const dupes: Array<{ key: ImportKey; row: number }> = []
    for (const k of ['code', 'uscc', 'name'] as const) {
      const v = keys[k]
      if (v === undefined) continue
      const h = importKeyHash(v)
      const first = this.seen[k].get(h)
      if (first === undefined) this.seen[k].set(h, row)
      else if (first !== row) dupes.push({ key: k, row: first })
    }
    return dupes
  }
}
