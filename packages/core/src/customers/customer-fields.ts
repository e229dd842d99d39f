import { type Issue, invalid, issue, text } from '../errors.js'
import { fieldLabel } from '../input/field-label.js'
import { validateEmail, validatePhone } from './contact.js'
import { CUSTOMER_STATUSES } from './types.js'
import { validateUscc } from './uscc.js'

/** The plain fields of a customer as they arrive (form, API, import); classes and attributes are checked elsewhere. */
export interface CustomerFieldsInput {
  name?: unknown
  shortName?: unknown
  mnemonic?: unknown
  uscc?: unknown
  legalRepresentative?: unknown
  address?: unknown
  postcode?: unknown
  phone?: unknown
  email?: unknown
  website?: unknown
  bankName?: unknown
  bankAccount?: unknown
  taxNumber?: unknown
  creditGrade?: unknown
  /** A decimal string in yuan, e.g. `'12345.60'`; stored as cents. */
  creditLimit?: unknown
  registrationDate?: unknown
  status?: unknown
  remarks?: unknown
}

/** Longest text per field (characters after trimming). */
export const CUSTOMER_FIELD_MAX = {
  name: 200,
  shortName: 60,
  mnemonic: 60,
  legalRepresentative: 60,
  address: 255,
  bankName: 100,
  bankAccount: 40,
  taxNumber: 20,
  creditGrade: 20,
  remarks: 2000,
} as const

const MONEY = /^(\d+)(?:\.(\d+))?$/

/** Yuan as typed → integer cents: `'12345.60'` → 1234560. Throws `invalid('CUSTOMER_MONEY_INVALID')`. */
export function parseMoneyToCents(raw: string | number, path: (string | number)[] = ['creditLimit']): number {
  const issues = validateMoney(raw, path)
  if (issues.length > 0) throw invalid('CUSTOMER_MONEY_INVALID', text('金额无效', 'Invalid amount'), issues)
  const [, whole, frac = ''] = MONEY.exec(String(raw).normalize('NFKC').trim()) as RegExpExecArray
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}

/** Cents → `'12345.60'` (always two decimals; negative amounts keep their sign). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(cents))
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Every problem with a non-negative amount of at most two decimals. */
export function validateMoney(raw: string | number, path: (string | number)[] = ['creditLimit']): Issue[] {
  if (typeof raw === 'number' && !Number.isFinite(raw))
    return [issue(path, 'CUSTOMER_MONEY_INVALID', text('金额须为数字', 'An amount must be a number'))]
  const s = String(raw).normalize('NFKC').trim()
  if (/^-\s*\d/.test(s))
    return [issue(path, 'CUSTOMER_MONEY_NEGATIVE', text(`金额不能为负：${s}`, `An amount cannot be negative: ${s}`))]
  const m = MONEY.exec(s)
  if (!m)
    return [
      issue(
        path,
        'CUSTOMER_MONEY_INVALID',
        text(`金额应为数字，如 12345.60：${s}`, `An amount is a decimal number such as 12345.60, not ${s}`),
      ),
    ]
  if ((m[2] ?? '').length > 2)
    return [
      issue(
        path,
        'CUSTOMER_MONEY_DECIMALS',
        text(`金额最多两位小数：${s}`, `An amount has at most two decimals: ${s}`),
      ),
    ]
  if (Number(m[1]) * 100 > Number.MAX_SAFE_INTEGER)
    return [issue(path, 'CUSTOMER_MONEY_TOO_LARGE', text(`金额过大：${s}`, `The amount is too large: ${s}`))]
  return []
}

/** Whether `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  // Date.UTC maps years 0–99 to 1900+; setUTCFullYear keeps them.
  date.setUTCFullYear(y)
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u

/** A website: an http(s) URL or a bare domain (`www.example.com`, `example.com/about`). */
export function validateWebsite(raw: string, path: (string | number)[] = ['website']): Issue[] {
  const s = raw.normalize('NFKC').trim()
  const bad = [
    issue(
      path,
      'CUSTOMER_WEBSITE_INVALID',
      text(
        `网址应为 http(s) 地址或域名（如 www.example.com）：${raw}`,
        `A website is an http(s) URL or a domain such as www.example.com, not ${raw}`,
      ),
    ),
  ]
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s)
  if (scheme && !/^https?$/i.test(scheme[1] as string)) return bad
  const m = /^(?:https?:\/\/)?([^/:?#\s]+)(?::(\d{1,5}))?([/?#]\S*)?$/i.exec(s)
  if (!m) return bad
  const labels = (m[1] as string).split('.')
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l) && l.length <= 63)) return bad
  if (!/^\p{L}{2,}$/u.test(labels[labels.length - 1] as string)) return bad
  if (m[2] !== undefined && Number(m[2]) > 65535) return bad
  return []
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')

/** Every problem with the plain fields of a customer, each with its path and both languages. */
export function validateCustomerFields(input: CustomerFieldsInput): Issue[] {
  const issues: Issue[] = []
  const str = (field: keyof CustomerFieldsInput): string | null => {
    const v = input[field]
    if (isBlank(v)) return null
    if (typeof v !== 'string') {
      issues.push(
        issue(
          [field],
          'CUSTOMER_FIELD_TYPE',
          text(`${fieldLabel([field]).zh}应为文本`, `${fieldLabel([field]).en} must be text`),
        ),
      )
      return null
    }
    return v.normalize('NFKC').trim()
  }
  const maxLength = (field: keyof typeof CUSTOMER_FIELD_MAX, v: string | null) => {
    const max = CUSTOMER_FIELD_MAX[field]
    const length = v === null ? 0 : [...v].length
    if (length > max)
      issues.push(
        issue(
          [field],
          'CUSTOMER_FIELD_TOO_LONG',
          text(
            `${fieldLabel([field]).zh}最长 ${max} 个字符，实为 ${length} 个`,
            `${fieldLabel([field]).en} has at most ${max} characters, not ${length}`,
          ),
        ),
      )
  }

  const name = str('name')
  if (name === null && !issues.some((i) => i.path[0] === 'name'))
    issues.push(issue(['name'], 'CUSTOMER_NAME_REQUIRED', text('客户名称不能为空', 'A customer name is required')))
  maxLength('name', name)
  for (const field of ['shortName', 'legalRepresentative', 'address', 'bankName', 'creditGrade', 'remarks'] as const)
    maxLength(field, str(field))

  const mnemonic = str('mnemonic')
  maxLength('mnemonic', mnemonic)
  if (mnemonic !== null && !/^[A-Za-z0-9]+$/.test(mnemonic))
    issues.push(
      issue(
        ['mnemonic'],
        'CUSTOMER_MNEMONIC_CHARACTERS',
        text('助记码只能是字母或数字', 'A mnemonic may hold only letters and digits'),
      ),
    )

  const uscc = str('uscc')
  if (uscc !== null) issues.push(...validateUscc(uscc, ['uscc']))

  const postcode = str('postcode')
  if (postcode !== null && !/^\d{6}$/.test(postcode))
    issues.push(
      issue(
        ['postcode'],
        'CUSTOMER_POSTCODE_INVALID',
        text(`邮编应为 6 位数字：${postcode}`, `A postcode has 6 digits: ${postcode}`),
      ),
    )

  const phone = str('phone')
  if (phone !== null) issues.push(...validatePhone(phone, ['phone']))
  const email = str('email')
  if (email !== null) issues.push(...validateEmail(email, ['email']))
  const website = str('website')
  if (website !== null) issues.push(...validateWebsite(website, ['website']))

  const bankAccount = str('bankAccount')
  maxLength('bankAccount', bankAccount)
  if (bankAccount !== null && !/^[0-9A-Za-z\s-]+$/.test(bankAccount))
    issues.push(
      issue(
        ['bankAccount'],
        'CUSTOMER_BANK_ACCOUNT_INVALID',
        text('银行账号只能含数字、字母、空格和 -', 'A bank account holds digits, letters, spaces and - only'),
      ),
    )
  const taxNumber = str('taxNumber')
  if (taxNumber !== null && !/^[0-9A-Za-z]{15,20}$/.test(taxNumber))
    issues.push(
      issue(
        ['taxNumber'],
        'CUSTOMER_TAX_NUMBER_INVALID',
        text('税号应为 15–20 位字母或数字', 'A tax number has 15–20 letters or digits'),
      ),
    )

  const limit = input.creditLimit
  if (!isBlank(limit)) {
    if (typeof limit === 'string' || typeof limit === 'number') issues.push(...validateMoney(limit, ['creditLimit']))
    else
      issues.push(
        issue(['creditLimit'], 'CUSTOMER_FIELD_TYPE', text('信用额度应为数字', 'The credit limit must be a number')),
      )
  }

  const date = str('registrationDate')
  if (date !== null && !isIsoDate(date))
    issues.push(
      issue(
        ['registrationDate'],
        'CUSTOMER_DATE_INVALID',
        text(
          `建档日期应为真实日期 YYYY-MM-DD：${date}`,
          `The registration date must be a real date YYYY-MM-DD, not ${date}`,
        ),
      ),
    )

  const status = str('status')
  if (status !== null && !(CUSTOMER_STATUSES as readonly string[]).includes(status))
    issues.push(
      issue(
        ['status'],
        'CUSTOMER_STATUS_INVALID',
        text(
          `状态应为 ${CUSTOMER_STATUSES.join('、')} 之一：${status}`,
          `The status must be one of ${CUSTOMER_STATUSES.join(', ')}, not ${status}`,
        ),
      ),
    )
  return issues
}
