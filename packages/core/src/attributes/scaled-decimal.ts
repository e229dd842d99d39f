/**
 * Fixed-precision numbers as scaled integers (docs/decisions/0014-design-brief.md, "Value types"): precision 2 stores
 * '12.34' as 1234. Never goes through JS floats for strings; numbers are read by their shortest
 * decimal text (`String(12.34)` is '12.34').
 */

export const MAX_ATTRIBUTE_PRECISION = 6

export type ScaledDecimalResult =
  | { ok: true; value: number }
  | { ok: false; reason: 'syntax' | 'decimals' | 'range'; decimals?: number }

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/

/** The decimal text of an input: NFKC, trimmed, group separators (1,234.5 / 1 234.5) removed. */
export function decimalText(raw: unknown): string | null {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return null
    return String(raw)
  }
  if (typeof raw === 'bigint') return raw.toString()
  if (typeof raw !== 'string') return null
  let s = raw.normalize('NFKC').trim()
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, '')
  else if (/^[+-]?\d{1,3}( \d{3})+(\.\d*)?$/.test(s)) s = s.replace(/ /g, '')
  return s
}

/** Parses a decimal (string or number) into an integer scaled by 10^precision. */
export function parseScaledDecimal(raw: unknown, precision: number): ScaledDecimalResult {
  const s = decimalText(raw)
  if (s === null) return { ok: false, reason: 'syntax' }
  const exp = typeof raw === 'number' && /^[+-]?(\d+(?:\.\d*)?|\.\d+)e([+-]?\d+)$/i.exec(s)
  if (exp) {
    // Only JS numbers print this way: below 1e-6 (too many decimals) or from 1e21 (too large).
    return Number(exp[2]) < 0
      ? { ok: false, reason: 'decimals', decimals: -Number(exp[2]) }
      : { ok: false, reason: 'range' }
  }
  const m = DECIMAL.exec(s)
  if (!m) return { ok: false, reason: 'syntax' }
  const int = m[2] ?? ''
  const frac = m[3] ?? ''
  if (int === '' && frac === '') return { ok: false, reason: 'syntax' }
  const significant = frac.replace(/0+$/, '')
  if (significant.length > precision) return { ok: false, reason: 'decimals', decimals: significant.length }
  const digits = (int + frac.padEnd(precision, '0').slice(0, precision)).replace(/^0+(?=\d)/, '')
  if (digits.length > 16) return { ok: false, reason: 'range' }
  const value = Number(digits)
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'range' }
  return { ok: true, value: m[1] === '-' && value !== 0 ? -value : value }
}

/** The decimal string of a scaled integer: formatScaledDecimal(1234, 2) === '12.34'. */
export function formatScaledDecimal(scaled: number, precision: number): string {
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`not a scaled integer: ${scaled}`)
  const negative = scaled < 0
  const digits = String(Math.abs(scaled)).padStart(precision + 1, '0')
  const text = precision === 0 ? digits : `${digits.slice(0, -precision)}.${digits.slice(-precision)}`
  return negative ? `-${text}` : text
}

/** Re-scales a stored value to another precision; null when digits would be lost or it overflows. */
export function rescaleDecimal(scaled: number, from: number, to: number): number | null {
  if (to >= from) {
    const v = scaled * 10 ** (to - from)
    return Number.isSafeInteger(v) ? v : null
  }
  const f = 10 ** (from - to)
  return scaled % f === 0 ? scaled / f : null
}
