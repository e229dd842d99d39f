import { describe, expect, it } from 'vitest'
import { emailKey, normalizeEmail, normalizePhone, phoneKey, validateEmail, validatePhone } from './contact.js'

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678', 'mobile'],
    ['138 1234 5678', '13812345678', 'mobile'],
    ['138-1234-5678', '13812345678', 'mobile'],
    ['+86 138 1234 5678', '13812345678', 'mobile'],
    ['+86-13812345678', '13812345678', 'mobile'],
    ['0086 13812345678', '13812345678', 'mobile'],
    ['8613812345678', '13812345678', 'mobile'],
    ['１３８１２３４５６７８', '13812345678', 'mobile'],
    ['19912345678', '19912345678', 'mobile'],
    ['010-12345678', '010-12345678', 'landline'],
    ['0755 8888 6666', '0755-88886666', 'landline'],
    ['(021)12345678', '021-12345678', 'landline'],
    ['（021）1234-5678', '021-12345678', 'landline'],
    ['02112345678', '021-12345678', 'landline'],
    ['0571-8765432', '0571-8765432', 'landline'],
    ['+86 10 12345678', '010-12345678', 'landline'],
    ['+86 755 88886666', '0755-88886666', 'landline'],
    ['010-12345678-123', '010-12345678-123', 'landline'],
    ['010-12345678转123', '010-12345678-123', 'landline'],
    ['010-12345678 转 123', '010-12345678-123', 'landline'],
    ['010-12345678 ext 123', '010-12345678-123', 'landline'],
    ['010-12345678 ext. 123', '010-12345678-123', 'landline'],
    ['010-12345678x8', '010-12345678-8', 'landline'],
    ['0755-8888-6666-8001', '0755-88886666-8001', 'landline'],
    ['400-123-4567', '400-123-4567', 'service'],
    ['4001234567', '400-123-4567', 'service'],
    ['800 810 8888', '800-810-8888', 'service'],
    ['400-123-4567转2', '400-123-4567-2', 'service'],
  ])('%s → %s (%s)', (raw, value, kind) => {
    expect(normalizePhone(raw)).toEqual({ value, kind })
    expect(validatePhone(raw)).toEqual([])
  })

  it.each([
    ['', 'CUSTOMER_PHONE_REQUIRED'],
    ['  ', 'CUSTOMER_PHONE_REQUIRED'],
    ['1381234567', 'CUSTOMER_PHONE_MOBILE_LENGTH'],
    ['138123456789', 'CUSTOMER_PHONE_MOBILE_LENGTH'],
    ['12812345678', 'CUSTOMER_PHONE_MOBILE_PREFIX'],
    ['11087770318', 'CUSTOMER_PHONE_MOBILE_PREFIX'],
    ['13812345678转1', 'CUSTOMER_PHONE_EXTENSION'],
    ['12345678', 'CUSTOMER_PHONE_AREA_CODE'],
    ['8765432', 'CUSTOMER_PHONE_AREA_CODE'],
    ['010-123456', 'CUSTOMER_PHONE_LANDLINE_LENGTH'],
    ['010-123456789', 'CUSTOMER_PHONE_LANDLINE_LENGTH'],
    ['010-02345678', 'CUSTOMER_PHONE_LANDLINE_INVALID'],
    ['400-123-456', 'CUSTOMER_PHONE_SERVICE_LENGTH'],
    ['95588', 'CUSTOMER_PHONE_INVALID'],
    ['+1 415 555 2671', 'CUSTOMER_PHONE_FOREIGN'],
    ['+852 2345 6789', 'CUSTOMER_PHONE_FOREIGN'],
    ['138abcd5678', 'CUSTOMER_PHONE_CHARACTERS'],
    ['电话13812345678', 'CUSTOMER_PHONE_CHARACTERS'],
    ['138+12345678', 'CUSTOMER_PHONE_CHARACTERS'],
  ])('refuses %j with %s', (raw, code) => {
    expect(normalizePhone(raw)).toBeNull()
    const issues = validatePhone(raw, ['contacts', 0, 'phone'])
    expect(issues.map((i) => i.code)).toEqual([code])
    expect(issues[0]?.path).toEqual(['contacts', 0, 'phone'])
    expect(issues[0]?.message.zh).not.toBe('')
    expect(issues[0]?.message.en).not.toBe('')
  })

  it('explains what is missing', () => {
    expect(validatePhone('12345678')[0]?.message.zh).toContain('区号')
    expect(validatePhone('1381234567')[0]?.message.en).toContain('11 digits')
  })
})

describe('phoneKey', () => {
  it.each([
    ['13800138000', '13800138000', null],
    ['+86 138-0013-8000', '13800138000', null],
    ['0086 13800138000', '13800138000', null],
    ['８６１３８００１３８０００', '13800138000', null],
    ['１３８ ００１３ ８０００', '13800138000', null],
    ['010-62345678', '01062345678', null],
    ['(010)62345678', '01062345678', null],
    ['+86 10 6234 5678', '01062345678', null],
    ['0755-86001234 转 8001', '075586001234', '8001'],
    ['021-12345678-123', '02112345678', '123'],
    ['400-810-8888', '4008108888', null],
    ['400 810 8888 ext 12', '4008108888', '12'],
  ])('%s → %s, extension %s', (raw, digits, extension) => {
    expect(phoneKey(raw)).toEqual({ digits, extension, valid: true })
  })

  it('keys a number it cannot read on its bare digits', () => {
    expect(phoneKey('86013388')).toEqual({ digits: '86013388', extension: null, valid: false })
    expect(phoneKey('+86 (0)755 8600')).toEqual({ digits: '07558600', extension: null, valid: false })
    expect(phoneKey('无')).toBeNull()
  })
})

describe('e-mail', () => {
  it.each([
    ['Zhang.San@Example.COM', 'Zhang.San@example.com', 'zhang.san@example.com'],
    [' li+sales@QQ.com ', 'li+sales@qq.com', 'li+sales@qq.com'],
    ['wang.wu@163.com', 'wang.wu@163.com', 'wang.wu@163.com'],
    ['ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｃｎ', 'info@example.cn', 'info@example.cn'],
    ['service@mail.example.com.cn', 'service@mail.example.com.cn', 'service@mail.example.com.cn'],
  ])('%s is stored as %s and matched as %s', (raw, stored, key) => {
    expect(validateEmail(raw)).toEqual([])
    expect(normalizeEmail(raw)).toBe(stored)
    expect(emailKey(raw)).toBe(key)
  })

  it('keeps dots and plus tags (not Gmail rules)', () => {
    expect(emailKey('a.b+c@qq.com')).not.toBe(emailKey('ab@qq.com'))
  })

  it.each([
    ['', 'CUSTOMER_EMAIL_REQUIRED'],
    ['zhang', 'CUSTOMER_EMAIL_INVALID'],
    ['a@b@c.com', 'CUSTOMER_EMAIL_INVALID'],
    ['@example.com', 'CUSTOMER_EMAIL_INVALID'],
    ['zhang@localhost', 'CUSTOMER_EMAIL_INVALID'],
    ['zhang..san@example.com', 'CUSTOMER_EMAIL_INVALID'],
    ['zhang san@example.com', 'CUSTOMER_EMAIL_INVALID'],
    ['zhang@-example.com', 'CUSTOMER_EMAIL_INVALID'],
    ['zhang@example.c', 'CUSTOMER_EMAIL_INVALID'],
    [`${'a'.repeat(65)}@example.com`, 'CUSTOMER_EMAIL_INVALID'],
  ])('refuses %j with %s', (raw, code) => {
    const issues = validateEmail(raw)
    expect(issues.map((i) => i.code)).toEqual([code])
    expect(issues[0]?.path).toEqual(['email'])
  })
})
