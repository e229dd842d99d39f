import type { Customer } from '../customers/types.js'
import { type Actor, can } from './permissions.js'

/**
 * The customer fields only `customer:sensitive` sees in full, by the keys the API uses (`creditLimit`, not the
 * stored cents). The bank's name is not among them: it names a public institution, not the customer's money
 * (docs/decisions/0026-custom-roles-and-field-masks.md).
 */
export const SENSITIVE_FIELDS = ['uscc', 'phone', 'email', 'bankAccount', 'taxNumber', 'creditLimit'] as const
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number]

export const isSensitiveField = (field: string): field is SensitiveField =>
  (SENSITIVE_FIELDS as readonly string[]).includes(field)

/** Whether the actor sees sensitive fields unmasked (and may edit them). */
export const seesSensitive = (actor: Actor): boolean => can(actor, 'customer:sensitive')

const STARS = '****'

// Keeps `first` and `last` characters around a fixed run of stars, so the mask hides the value's length too. A
// value too short to hide at least four characters between the ends shows nothing but stars (same length).
function keepEnds(value: string, first: number, last: number): string {
  if (value.length < first + last + STARS.length) return '*'.repeat(first + STARS.length + last)
  return value.slice(0, first) + STARS + value.slice(value.length - last)
}

/** `13812345678` → `138****5678`. */
export const maskPhone = (value: string): string => keepEnds(value, 3, 4)

/** Bank account, tax number, USCC: the first 4 and the last 4 characters. */
export const maskNumber = (value: string): string => keepEnds(value, 4, 4)

/** `zhang@example.com` → `z***@example.com`: the first character of the local part and the domain. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@')
  if (at < 1) return '***'
  return `${value.slice(0, 1)}***${value.slice(at)}`
}

/** A field's value as a caller without `customer:sensitive` sees it; other fields pass unchanged. */
export function maskValue(field: string, value: unknown): unknown {
  if (!isSensitiveField(field) || value === null || value === undefined) return value
  if (field === 'creditLimit') return null
  const s = String(value)
  if (field === 'phone') return maskPhone(s)
  if (field === 'email') return maskEmail(s)
  return maskNumber(s)
}

/** A stored customer with its sensitive fields masked (the credit limit hidden). */
export function maskCustomer(c: Customer): Customer {
  const m = (f: Exclude<SensitiveField, 'creditLimit'>) => maskValue(f, c[f]) as string | null
  return {
    ...c,
    uscc: m('uscc'),
    phone: m('phone'),
    email: m('email'),
    bankAccount: m('bankAccount'),
    taxNumber: m('taxNumber'),
    creditLimitCents: null,
  }
}
