import type { AttributeDef } from '../attributes/attribute-def.js'
import { BUILTIN_SCHEMES } from '../classification/types.js'
import { CUSTOMER_STATUSES } from '../customers/types.js'
import { type Text, text } from '../errors.js'
import type { FilterOp } from './filter.js'

/** How a field's values compare. */
export type FilterValueKind =
  | 'text' // NFKC, case-insensitive
  | 'code' // NFKC, exact: ids, enums, option codes, references
  | 'number'
  | 'money' // a number in cents; shown as yuan
  | 'date' // YYYY-MM-DD, ordered as text
  | 'timestamp' // ISO 8601 UTC, ordered as text
  | 'boolean'
  | 'set' // a list of codes (multi-choice)
  | 'scheme' // a class: code and path

export interface CustomerFilterField {
  kind: FilterValueKind
  label: Text
  /** The only values an enum field takes. */
  values?: readonly string[]
}

/** The plain customer fields a filter may name. */
export const CUSTOMER_FILTER_FIELDS: Record<string, CustomerFilterField> = {
  code: { kind: 'code', label: text('客户编码', 'Customer code') },
  name: { kind: 'text', label: text('客户名称', 'Name') },
  shortName: { kind: 'text', label: text('客户简称', 'Short name') },
  mnemonic: { kind: 'text', label: text('助记码', 'Mnemonic') },
  uscc: { kind: 'code', label: text('统一社会信用代码', 'USCC') },
  legalRepresentative: { kind: 'text', label: text('法人代表', 'Legal representative') },
  address: { kind: 'text', label: text('地址', 'Address') },
  postcode: { kind: 'code', label: text('邮编', 'Postcode') },
  phone: { kind: 'text', label: text('电话', 'Phone') },
  email: { kind: 'text', label: text('电子邮件', 'E-mail') },
  website: { kind: 'text', label: text('网址', 'Website') },
  bankName: { kind: 'text', label: text('开户银行', 'Bank') },
  bankAccount: { kind: 'code', label: text('银行账号', 'Bank account') },
  taxNumber: { kind: 'code', label: text('税号', 'Tax number') },
  accountManagerId: { kind: 'code', label: text('业务员', 'Account manager') },
  department: { kind: 'text', label: text('分管部门', 'Department') },
  creditGrade: { kind: 'code', label: text('信用等级', 'Credit grade') },
  creditLimitCents: { kind: 'money', label: text('信用额度', 'Credit limit') },
  registrationDate: { kind: 'date', label: text('建档日期', 'Registration date') },
  headOfficeId: { kind: 'code', label: text('总公司', 'Head office') },
  lifecycleStage: { kind: 'code', label: text('生命周期', 'Lifecycle stage') },
  status: { kind: 'code', label: text('状态', 'Status'), values: CUSTOMER_STATUSES },
  remarks: { kind: 'text', label: text('备注', 'Remarks') },
  codeRuleId: { kind: 'code', label: text('编码规则', 'Code rule') },
  createdAt: { kind: 'timestamp', label: text('创建时间', 'Created at') },
  updatedAt: { kind: 'timestamp', label: text('修改时间', 'Updated at') },
}

export const CUSTOMER_FILTER_FIELD_NAMES: readonly string[] = Object.keys(CUSTOMER_FILTER_FIELDS)

export const BUILTIN_SCHEME_LABELS: Record<string, Text> = {
  type: text('客户类型', 'Customer type'),
  class: text('客户分类', 'Customer class'),
  region: text('地区分类', 'Region'),
  industry: text('行业', 'Industry'),
}

/**
 * A scheme in the reader's words: its own name, except that a built-in scheme is named in English by its English
 * label (its stored name is the Chinese one kehu gave it).
 */
export function schemeWords(scheme: { code: string; name: string }): Text {
  return text(scheme.name, BUILTIN_SCHEME_LABELS[scheme.code]?.en ?? scheme.name)
}

export type FilterFieldRef =
  | { kind: 'field'; name: string }
  | { kind: 'scheme'; scheme: string }
  | { kind: 'attr'; code: string }
  | { kind: 'invalid' }

const BUILTIN = new Set<string>(BUILTIN_SCHEMES)

/** What a condition's `field` names: `class`/`region`/`industry`/`type`/`scheme:CODE`, `attr.CODE`, or a field. */
export function parseFilterField(field: string): FilterFieldRef {
  if (BUILTIN.has(field)) return { kind: 'scheme', scheme: field }
  if (field.startsWith('scheme:')) {
    const scheme = field.slice('scheme:'.length)
    return scheme ? { kind: 'scheme', scheme } : { kind: 'invalid' }
  }
  if (field.startsWith('attr.')) {
    const code = field.slice('attr.'.length)
    return code ? { kind: 'attr', code } : { kind: 'invalid' }
  }
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(field) ? { kind: 'field', name: field } : { kind: 'invalid' }
}

/** The comparison kind of an attribute type. */
export function attributeValueKind(def: Pick<AttributeDef, 'type'>): FilterValueKind {
  switch (def.type) {
    case 'text':
      return 'text'
    case 'number':
      return 'number'
    case 'date':
      return 'date'
    case 'boolean':
      return 'boolean'
    case 'multi-choice':
      return 'set'
    default:
      return 'code'
  }
}

const BASE: FilterOp[] = ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty']
const ORDERED: FilterOp[] = [...BASE, 'gt', 'gte', 'lt', 'lte']

/** The operators each kind of value takes. */
export const OPS_BY_KIND: Record<FilterValueKind, readonly FilterOp[]> = {
  text: [...BASE, 'contains', 'startsWith'],
  code: [...BASE, 'startsWith'],
  number: ORDERED,
  money: ORDERED,
  date: ORDERED,
  timestamp: ORDERED,
  boolean: ['eq', 'ne', 'empty', 'notEmpty'],
  set: [...BASE, 'contains'],
  scheme: [...BASE, 'is', 'under'],
}

export interface FilterLabels {
  /** Attribute definitions, for names and option labels. */
  attributes?: AttributeDef[]
  /** Names of user-defined schemes by scheme code. */
  schemes?: Record<string, Text>
}

/** The name of a filter field in both languages (the field itself when nothing better is known). */
export function filterFieldLabel(field: string, labels: FilterLabels = {}): Text {
  const ref = parseFilterField(field)
  if (ref.kind === 'scheme')
    return labels.schemes?.[ref.scheme] ?? BUILTIN_SCHEME_LABELS[ref.scheme] ?? text(ref.scheme, ref.scheme)
  if (ref.kind === 'attr') {
    const def = labels.attributes?.find((d) => d.code === ref.code)
    return def ? text(def.name, def.name) : text(ref.code, ref.code)
  }
  if (ref.kind === 'field') return CUSTOMER_FILTER_FIELDS[ref.name]?.label ?? text(field, field)
  return text(field, field)
}
