import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.js'
import {
  type CustomerFieldsInput,
  formatCents,
  isIsoDate,
  parseMoneyToCents,
  validateCustomerFields,
  validateMoney,
  validateWebsite,
} from './customer-fields.js'

const ok: CustomerFieldsInput = {
  name: '北京华信科技有限公司',
  shortName: '华信科技',
  mnemonic: 'HXKJ',
  uscc: '91350100M000100Y43',
  postcode: '100080',
  phone: '010-12345678',
  email: 'info@huaxin.com.cn',
  website: 'https://www.huaxin.com.cn/about',
  bankAccount: '6222 0200 0000 1234',
  taxNumber: '91350100M000100Y43',
  creditLimit: '12345.60',
  registrationDate: '2023-10-01',
  status: 'active',
}

describe('validateCustomerFields', () => {
  it('accepts a complete customer and a minimal one', () => {
    expect(validateCustomerFields(ok)).toEqual([])
    expect(validateCustomerFields({ name: '华信' })).toEqual([])
    expect(validateCustomerFields({ name: '华信', phone: '', email: null, creditLimit: '' })).toEqual([])
  })

  it.each([
    [{ name: '' }, 'name', 'CUSTOMER_NAME_REQUIRED'],
    [{ name: '   ' }, 'name', 'CUSTOMER_NAME_REQUIRED'],
    [{}, 'name', 'CUSTOMER_NAME_REQUIRED'],
    [{ name: 42 }, 'name', 'CUSTOMER_FIELD_TYPE'],
    [{ name: '公'.repeat(201) }, 'name', 'CUSTOMER_FIELD_TOO_LONG'],
    [{ name: 'x', shortName: '简'.repeat(61) }, 'shortName', 'CUSTOMER_FIELD_TOO_LONG'],
    [{ name: 'x', mnemonic: 'HX-KJ' }, 'mnemonic', 'CUSTOMER_MNEMONIC_CHARACTERS'],
    [{ name: 'x', uscc: '91350100M000100Y44' }, 'uscc', 'USCC_CHECK_CHARACTER'],
    [{ name: 'x', postcode: '10008' }, 'postcode', 'CUSTOMER_POSTCODE_INVALID'],
    [{ name: 'x', postcode: '10008A' }, 'postcode', 'CUSTOMER_POSTCODE_INVALID'],
    [{ name: 'x', phone: '12345678' }, 'phone', 'CUSTOMER_PHONE_AREA_CODE'],
    [{ name: 'x', email: 'info@' }, 'email', 'CUSTOMER_EMAIL_INVALID'],
    [{ name: 'x', website: 'ftp://example.com' }, 'website', 'CUSTOMER_WEBSITE_INVALID'],
    [{ name: 'x', bankAccount: '6222/0200' }, 'bankAccount', 'CUSTOMER_BANK_ACCOUNT_INVALID'],
    [{ name: 'x', taxNumber: '1234' }, 'taxNumber', 'CUSTOMER_TAX_NUMBER_INVALID'],
    [{ name: 'x', creditLimit: '-1' }, 'creditLimit', 'CUSTOMER_MONEY_NEGATIVE'],
    [{ name: 'x', creditLimit: '1.234' }, 'creditLimit', 'CUSTOMER_MONEY_DECIMALS'],
    [{ name: 'x', creditLimit: '1万' }, 'creditLimit', 'CUSTOMER_MONEY_INVALID'],
    [{ name: 'x', creditLimit: true }, 'creditLimit', 'CUSTOMER_FIELD_TYPE'],
    [{ name: 'x', registrationDate: '2023-02-29' }, 'registrationDate', 'CUSTOMER_DATE_INVALID'],
    [{ name: 'x', registrationDate: '2023/10/01' }, 'registrationDate', 'CUSTOMER_DATE_INVALID'],
    [{ name: 'x', status: 'deleted' }, 'status', 'CUSTOMER_STATUS_INVALID'],
  ] as [CustomerFieldsInput, string, string][])('%j: %s %s', (input, path, code) => {
    const issues = validateCustomerFields(input)
    expect(issues.map((i) => [i.path[0], i.code])).toEqual([[path, code]])
    expect(issues[0]?.message.zh).not.toBe('')
    expect(issues[0]?.message.en).not.toBe('')
  })

  it('reports every problem at once', () => {
    const issues = validateCustomerFields({
      name: '',
      postcode: '1',
      phone: '95588',
      email: 'x',
      website: 'not a site',
      creditLimit: '1.001',
      registrationDate: '2024-13-01',
      status: 'gone',
      uscc: '123',
    })
    expect(issues.map((i) => i.code)).toEqual([
      'CUSTOMER_NAME_REQUIRED',
      'USCC_LENGTH',
      'CUSTOMER_POSTCODE_INVALID',
      'CUSTOMER_PHONE_INVALID',
      'CUSTOMER_EMAIL_INVALID',
      'CUSTOMER_WEBSITE_INVALID',
      'CUSTOMER_MONEY_DECIMALS',
      'CUSTOMER_DATE_INVALID',
      'CUSTOMER_STATUS_INVALID',
    ])
  })
})

describe('money', () => {
  it.each([
    ['12345.60', 1234560],
    ['12345.6', 1234560],
    ['0', 0],
    ['0.01', 1],
    [' 100 ', 10000],
    ['１００.５', 10050],
    [99.99, 9999],
    ['007', 700],
  ] as [string | number, number][])('%j → %i cents', (raw, cents) => {
    expect(parseMoneyToCents(raw)).toBe(cents)
  })

  it.each([
    ['', 'CUSTOMER_MONEY_INVALID'],
    ['1,000', 'CUSTOMER_MONEY_INVALID'],
    ['.5', 'CUSTOMER_MONEY_INVALID'],
    ['1e3', 'CUSTOMER_MONEY_INVALID'],
    ['-0.5', 'CUSTOMER_MONEY_NEGATIVE'],
    ['0.123', 'CUSTOMER_MONEY_DECIMALS'],
    ['99999999999999999', 'CUSTOMER_MONEY_TOO_LARGE'],
  ])('refuses %j with %s', (raw, code) => {
    expect(validateMoney(raw).map((i) => i.code)).toEqual([code])
    expect(() => parseMoneyToCents(raw)).toThrow(AppError)
  })

  it('formats cents and round-trips', () => {
    expect(formatCents(1234560)).toBe('12345.60')
    expect(formatCents(1)).toBe('0.01')
    expect(formatCents(0)).toBe('0.00')
    expect(formatCents(-250)).toBe('-2.50')
    for (const c of [0, 5, 99, 100, 123456789]) expect(parseMoneyToCents(formatCents(c))).toBe(c)
  })
})

describe('dates and websites', () => {
  it.each([
    ['2023-10-01', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-04-31', false],
    ['2023-00-10', false],
    ['0099-01-01', true],
    ['23-10-01', false],
    ['2023-10-1', false],
  ])('isIsoDate(%s) is %s', (s, expected) => {
    expect(isIsoDate(s)).toBe(expected)
  })

  it.each([
    'https://www.example.com',
    'http://example.com:8080/path?q=1',
    'www.example.com.cn',
    'example.com/about',
    'HTTPS://Example.COM',
    '华信.中国',
  ])('accepts %s', (s) => {
    expect(validateWebsite(s)).toEqual([])
  })

  it.each([
    'ftp://example.com',
    'example',
    'http://',
    'https://exa mple.com',
    'javascript:alert(1)',
    'http://-a.com',
    'a.b.1',
  ])('refuses %s', (s) => {
    expect(validateWebsite(s).map((i) => i.code)).toEqual(['CUSTOMER_WEBSITE_INVALID'])
  })
})
