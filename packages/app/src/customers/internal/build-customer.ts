import {
  type Customer,
  type CustomerFieldsInput,
  customerMnemonic,
  type Issue,
  normalizeEmail,
  normalizePhone,
  normalizeUscc,
  parseMoneyToCents,
  validateCustomerFields,
} from '@kehu/core'
import type { CustomerInput } from '../customer-input.js'

/** The plain fields of a customer, normalised for storage (empty text is null): the stored record's own types. */
export type PlainFields = Pick<
  Customer,
  | 'name'
  | 'shortName'
  | 'mnemonic'
  | 'uscc'
  | 'legalRepresentative'
  | 'address'
  | 'postcode'
  | 'phone'
  | 'email'
  | 'website'
  | 'bankName'
  | 'bankAccount'
  | 'taxNumber'
  | 'department'
  | 'creditGrade'
  | 'creditLimitCents'
  | 'lifecycleStage'
  | 'remarks'
>

const clean = (v: string | null | undefined): string | null => {
  const t = v?.normalize('NFKC').trim()
  return t ? t : null
}

/** Validates (every issue at once) and normalises the plain fields of an input. */
export function buildPlainFields(input: Partial<CustomerInput>, issues: Issue[]): PlainFields {
  const check: CustomerFieldsInput = { ...input }
  if (input.creditLimit === null) delete check.creditLimit
  for (const [k, v] of Object.entries(check)) if (v === null || v === '') delete (check as Record<string, unknown>)[k]
  issues.push(...validateCustomerFields(check))
  const name = (input.name ?? '').normalize('NFKC').trim()
  const shortName = clean(input.shortName)
  const phone = clean(input.phone)
  const email = clean(input.email)
  const uscc = clean(input.uscc)
  const credit = input.creditLimit
  let creditLimitCents: number | null = null
  if (credit !== null && credit !== undefined && String(credit).trim() !== '') {
    try {
      creditLimitCents = parseMoneyToCents(credit)
    } catch {
      // reported by validateCustomerFields
    }
  }
  return {
    name,
    shortName,
    mnemonic: clean(input.mnemonic)?.toUpperCase() ?? (customerMnemonic(shortName, name) || null),
    uscc: uscc ? normalizeUscc(uscc) : null,
    legalRepresentative: clean(input.legalRepresentative),
    address: clean(input.address),
    postcode: clean(input.postcode),
    phone: phone ? (normalizePhone(phone)?.value ?? phone) : null,
    email: email ? normalizeEmail(email) : null,
    website: clean(input.website),
    bankName: clean(input.bankName),
    bankAccount: clean(input.bankAccount)?.replace(/\s+/g, '') ?? null,
    taxNumber: clean(input.taxNumber)?.toUpperCase() ?? null,
    department: clean(input.department),
    creditGrade: clean(input.creditGrade),
    creditLimitCents,
    lifecycleStage: clean(input.lifecycleStage),
    remarks: clean(input.remarks),
  }
}

/** Today's date (YYYY-MM-DD) in the tenant's time zone. */
export function todayIn(timeZone: string, now: Date): string {
  let f = dayFormats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(timeZone, f)
  }
  return f.format(now)
}
// Building a formatter costs far more than formatting with one.
const dayFormats = new Map<string, Intl.DateTimeFormat>()
