import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Customer } from '../customers/types.js'
import { maskCustomer, maskEmail, maskNumber, maskPhone, maskValue, SENSITIVE_FIELDS } from './field-masks.js'

describe('field masks', () => {
  it.each([
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, '010-12345678', '010****5678'],
    [maskPhone, '95588', '***********'],
    [maskNumber, '6222020000001234', '6222****1234'],
    [maskNumber, '91350100M000100Y43', '9135****0Y43'],
    [maskNumber, '1234567', '************'],
    [maskEmail, 'zhang@example.com', 'z***@example.com'],
    [maskEmail, 'z@example.com', 'z***@example.com'],
    [maskEmail, 'no-at-sign', '***'],
  ])('%o(%s) → %s', (mask, value, out) => {
    expect(mask(value)).toBe(out)
  })

  // What a mask shows: the value's first `first` and last `last` characters around stars, or stars alone; never
  // another character, and a length that does not depend on the value's (so the length is not revealed either).
  const revealsOnlyEnds = (mask: (v: string) => string, first: number, last: number) =>
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        const out = mask(value)
        expect(out).toHaveLength(first + 4 + last)
        if (/^\*+$/.test(out)) return
        expect(out.slice(0, first)).toBe(value.slice(0, first))
        expect(out.slice(first, first + 4)).toBe('****')
        expect(out.slice(first + 4)).toBe(value.slice(value.length - last))
        // At least four characters stayed hidden.
        expect(value.length - first - last).toBeGreaterThanOrEqual(4)
      }),
    )

  it('a phone shows at most its first 3 and last 4 characters, always 11 long', () => revealsOnlyEnds(maskPhone, 3, 4))
  it('an account or tax number shows at most its first and last 4, always 12 long', () =>
    revealsOnlyEnds(maskNumber, 4, 4))

  it("an e-mail shows only the local part's first character and the domain", () =>
    fc.assert(
      fc.property(fc.emailAddress(), (value) => {
        const at = value.lastIndexOf('@')
        expect(maskEmail(value)).toBe(`${value[0]}***${value.slice(at)}`)
      }),
    ))

  it('hides the credit limit and leaves other fields and empty values alone', () => {
    expect(maskValue('creditLimit', '5000.00')).toBeNull()
    expect(maskValue('name', '华信')).toBe('华信')
    expect(maskValue('bankName', '工商银行')).toBe('工商银行')
    expect(maskValue('phone', null)).toBeNull()
  })

  it('masks every sensitive field of a stored customer', () => {
    const c = {
      id: 'c1',
      name: '华信',
      uscc: '91350100M000100Y43',
      phone: '13812345678',
      email: 'info@huaxin.com.cn',
      bankName: '工商银行',
      bankAccount: '6222020000001234',
      taxNumber: '91350100M000100Y43',
      creditLimitCents: 500000,
    } as Customer
    const m = maskCustomer(c)
    expect(m).toMatchObject({
      name: '华信',
      uscc: '9135****0Y43',
      phone: '138****5678',
      email: 'i***@huaxin.com.cn',
      bankName: '工商银行',
      bankAccount: '6222****1234',
      taxNumber: '9135****0Y43',
      creditLimitCents: null,
    })
    expect(SENSITIVE_FIELDS).toHaveLength(6)
  })
})
