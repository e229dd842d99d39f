import { type Issue, issue, type Text, text } from '../errors.js'

export type PhoneKind = 'mobile' | 'landline' | 'service'

/** A mainland China phone number as stored: `13812345678`, `010-12345678-123`, `400-123-4567`. */
export interface Phone {
  value: string
  kind: PhoneKind
}

type Parsed = { ok: true; phone: Phone } | { ok: false; code: string; message: Text }

const fail = (code: string, message: Text): Parsed => ({ ok: false, code, message })

// Extension markers people type: 转 / 分机 / ext / x / #, the number after them.
const EXTENSION = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})\s*$/i
const ALLOWED = /^[\d\s\-().+]+$/

function parsePhone(raw: string): Parsed {
  let s = raw.normalize('NFKC').trim()
  if (s === '') return fail('CUSTOMER_PHONE_REQUIRED', text('电话不能为空', 'A phone number is required'))
  let extension: string | null = null
  const ext = EXTENSION.exec(s)
  if (ext) {
    extension = ext[1] as string
    s = s.slice(0, ext.index)
  }
  if (!ALLOWED.test(s))
    return fail(
      'CUSTOMER_PHONE_CHARACTERS',
      text(
        `电话号码含非法字符：${raw}（只可含数字、空格、- ( ) +，分机可写“转123”）`,
        `The phone number has invalid characters: ${raw} (digits, spaces, - ( ) + only; write an extension as "ext 123")`,
      ),
    )
  let international = false
  const intl = /^\s*(?:\+|00)\s*(\d{1,3})/.exec(s)
  if (intl) {
    if (!(intl[1] as string).startsWith('86'))
      return fail(
        'CUSTOMER_PHONE_FOREIGN',
        text(
          `只支持中国大陆号码（+86），这是 +${intl[1]}`,
          `Only mainland China numbers (+86) are supported, not +${intl[1]}`,
        ),
      )
    international = true
    s = s.replace(/^\s*(?:\+|00)\s*86/, '')
  } else if (s.includes('+'))
    return fail(
      'CUSTOMER_PHONE_CHARACTERS',
      text(`“+”只能写在国家码前：${raw}`, `"+" may only precede the country code: ${raw}`),
    )
  // Groups as typed: a trailing dash group after a full landline is its extension.
  const groups = s.split(/[\s\-().]+/).filter((g) => g !== '')
  let digits = groups.join('')
  if (digits === '') return fail('CUSTOMER_PHONE_REQUIRED', text('电话不能为空', 'A phone number is required'))

  // 86 typed without + before a mobile: 8613812345678.
  if (!international && /^861\d{10}$/.test(digits)) digits = digits.slice(2)

  // 7–8 digits without a leading 0: a landline that lost its area code.
  if (!international && !digits.startsWith('0') && (digits.length === 7 || digits.length === 8))
    return fail(
      'CUSTOMER_PHONE_AREA_CODE',
      text(
        `固定电话须带区号（如 010-${digits}），手机号应为 11 位`,
        `A landline needs its area code (e.g. 010-${digits}); a mobile number has 11 digits`,
      ),
    )
  // From abroad Beijing's 10 also starts with 1; at home every other 1… is a mobile.
  if (digits.startsWith('1') && !(international && digits.startsWith('10'))) {
    if (digits.length !== 11)
      return fail(
        'CUSTOMER_PHONE_MOBILE_LENGTH',
        text(
          `手机号应为 11 位，实为 ${digits.length} 位`,
          `A mobile number has 11 digits, this one has ${digits.length}`,
        ),
      )
    if (!/^1[3-9]/.test(digits))
      return fail(
        'CUSTOMER_PHONE_MOBILE_PREFIX',
        text(`手机号应以 13–19 开头：${digits}`, `A mobile number starts with 13–19: ${digits}`),
      )
    if (extension !== null)
      return fail('CUSTOMER_PHONE_EXTENSION', text('手机号没有分机号', 'A mobile number has no extension'))
    return { ok: true, phone: { value: digits, kind: 'mobile' } }
  }

  if (/^[48]00/.test(digits) && digits.length > 8) {
    if (digits.length !== 10)
      return fail(
        'CUSTOMER_PHONE_SERVICE_LENGTH',
        text(
          `${digits.slice(0, 3)} 号码应为 10 位，实为 ${digits.length} 位`,
          `A ${digits.slice(0, 3)} number has 10 digits, this one has ${digits.length}`,
        ),
      )
    const value = `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`
    return { ok: true, phone: { value: extension === null ? value : `${value}-${extension}`, kind: 'service' } }
  }

  // From abroad the trunk 0 is dropped: +86 10 12345678.
  if (international && !digits.startsWith('0')) digits = `0${digits}`
  if (!digits.startsWith('0'))
    return fail(
      'CUSTOMER_PHONE_INVALID',
      text(
        `无法识别的电话号码：${raw}（应为 11 位手机号、带区号的固定电话或 400/800 号码）`,
        `Not a recognised phone number: ${raw} (expected an 11-digit mobile, a landline with area code, or a 400/800 number)`,
      ),
    )
  // 010 and 02x have 3-digit area codes, every other area code has 4 digits.
  const areaLength = /^0(?:10|2\d)/.test(digits) ? 3 : 4
  const area = digits.slice(0, areaLength)
  let local = digits.slice(areaLength)
  const last = groups[groups.length - 1] as string
  if (local.length > 8 && extension === null && groups.length > 1 && last.length <= 6) {
    const shorter = local.slice(0, local.length - last.length)
    if (shorter.length === 7 || shorter.length === 8) {
      extension = last
      local = shorter
    }
  }
  if (local.length !== 7 && local.length !== 8)
    return fail(
      'CUSTOMER_PHONE_LANDLINE_LENGTH',
      text(
        `区号 ${area} 后的号码应为 7 或 8 位，实为 ${local.length} 位`,
        `After the area code ${area} a landline has 7 or 8 digits, this one has ${local.length}`,
      ),
    )
  // A leading 0 would be read as another area code.
  if (local.startsWith('0'))
    return fail(
      'CUSTOMER_PHONE_LANDLINE_INVALID',
      text(`区号后的号码不以 0 开头：${local}`, `After the area code a landline does not start with 0: ${local}`),
    )
  const value = `${area}-${local}`
  return { ok: true, phone: { value: extension === null ? value : `${value}-${extension}`, kind: 'landline' } }
}

/** The stored form of a phone number, or null when it is not one. */
export function normalizePhone(raw: string): Phone | null {
  const parsed = parsePhone(raw)
  return parsed.ok ? parsed.phone : null
}

/** A phone number as it is matched: its digits (+86/0086 and the trunk choice settled) and its extension apart. */
export interface PhoneKey {
  digits: string
  extension: string | null
  /** Whether the number is one `normalizePhone` accepts; an invalid one is still matched on its bare digits */
  valid: boolean
}

/** The matching key of a phone number in any format: +86 138-0013-8000, 0086 13800138000 and 13800138000 agree. */
export function phoneKey(raw: string): PhoneKey | null {
  const phone = normalizePhone(raw)
  if (phone) {
    // The stored form's groups: 010-12345678[-ext], 400-123-4567[-ext], or a bare mobile.
    const groups = phone.value.split('-')
    const plain = phone.kind === 'landline' ? 2 : phone.kind === 'service' ? 3 : 1
    return { digits: groups.slice(0, plain).join(''), extension: groups[plain] ?? null, valid: true }
  }
  const digits = raw
    .normalize('NFKC')
    .replace(/^\s*(?:\+|00)\s*86/, '')
    .replace(/\D/g, '')
  return digits === '' ? null : { digits, extension: null, valid: false }
}

/** The reason a phone number is refused (empty when valid); `path` names the field. */
export function validatePhone(raw: string, path: (string | number)[] = ['phone']): Issue[] {
  const parsed = parsePhone(raw)
  return parsed.ok ? [] : [issue(path, parsed.code, parsed.message)]
}

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u

/** An e-mail as stored: NFKC, trimmed, domain lower-cased; dots and +tags are kept (not Gmail-only rules). */
export function normalizeEmail(raw: string): string {
  const s = raw.normalize('NFKC').trim()
  const at = s.lastIndexOf('@')
  return at < 0 ? s : s.slice(0, at) + s.slice(at).toLowerCase()
}

/** The key two e-mails are matched on (duplicates, look-ups): the whole address lower-cased, dots and +tags kept. */
export const emailKey = (raw: string): string => normalizeEmail(raw).toLowerCase()

/** The reason an e-mail is refused (empty when valid). */
export function validateEmail(raw: string, path: (string | number)[] = ['email']): Issue[] {
  const s = normalizeEmail(raw)
  const bad = (why: Text) => [
    issue(path, 'CUSTOMER_EMAIL_INVALID', text(`邮箱无效：${why.zh}`, `Invalid e-mail: ${why.en}`)),
  ]
  if (s === '') return [issue(path, 'CUSTOMER_EMAIL_REQUIRED', text('邮箱不能为空', 'An e-mail address is required'))]
  const parts = s.split('@')
  if (parts.length !== 2) return bad(text('须含且只含一个 @', 'it needs exactly one @'))
  const [local, domain] = parts as [string, string]
  if (local === '') return bad(text('@ 前不能为空', 'nothing before the @'))
  if (local.length > 64) return bad(text('@ 前最多 64 个字符', 'at most 64 characters before the @'))
  if (!LOCAL.test(local))
    return bad(
      text(`@ 前的“${local}”含非法字符或多余的点`, `"${local}" before the @ has invalid characters or stray dots`),
    )
  const labels = domain.split('.')
  if (labels.length < 2)
    return bad(text(`域名“${domain}”缺少后缀（如 .com）`, `the domain "${domain}" has no suffix (e.g. .com)`))
  if (!labels.every((l) => LABEL.test(l) && l.length <= 63))
    return bad(text(`域名“${domain}”不正确`, `the domain "${domain}" is malformed`))
  if (!/^\p{L}{2,}$/u.test(labels[labels.length - 1] as string))
    return bad(
      text(
        `域名后缀“${labels[labels.length - 1]}”不正确`,
        `the domain suffix "${labels[labels.length - 1]}" is malformed`,
      ),
    )
  if (s.length > 254) return bad(text('最多 254 个字符', 'at most 254 characters'))
  return []
}
