import type { AttributeDef } from './attribute-def.js'
import { isEmptyValue } from './coerce-attribute-value.js'

// 2^53: OFFSET + n stays an exact integer for every safe negative n (10^16 - 1 would round to 10^16)
const OFFSET = 2 ** 53

/** A scaled integer as text whose string order is numeric order: 'p0000000000001234', 'n…' below zero. */
export function sortableNumberKey(n: number): string {
  return n < 0 ? `n${String(OFFSET + n).padStart(16, '0')}` : `p${String(n).padStart(16, '0')}`
}

/**
 * Canonical text of a stored value for unique checks and indexes: equal values give equal keys.
 * Text is NFKC-normalised, whitespace-collapsed and lower-cased; numbers sort as text; multi-choice
 * codes are sorted and joined by ','. Empty values give ''.
 */
export function attributeIndexKey(def: AttributeDef, value: unknown): string {
  if (isEmptyValue(value)) return ''
  switch (def.type) {
    case 'text':
      return String(value).normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
    case 'number':
      return typeof value === 'number' && Number.isSafeInteger(value) ? sortableNumberKey(value) : String(value)
    case 'boolean':
      return value === true ? '1' : '0'
    case 'multi-choice':
      return [...new Set((Array.isArray(value) ? value : [value]).map(String))].sort().join(',')
    default:
      return String(value)
  }
}
