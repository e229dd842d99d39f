import { BUILTIN_SCHEMES } from '../classification/types.js'
import { type Text, text } from '../errors.js'
import { BUILTIN_SCHEME_LABELS, CUSTOMER_FILTER_FIELDS } from '../filter/filter-fields.js'

/**
 * The template layout (导入模板): the columns of an import template and of every export, in order. One list,
 * so an exported file imports again without a mapping and a template is an empty export.
 *
 * A column's `target` names what it fills, in the filter's field names: a customer input field (`name`,
 * `creditLimit` …), a built-in scheme (`type`, `class`, `region`, `industry`), `scheme:CODE` for a user-defined
 * scheme, `attr.CODE` for a dimension attribute.
 */
export interface TransferColumn {
  target: string
  header: Text
  /** Other header names users' files carry for it (U8, Kingdee, Excel habits), matched after normalising. */
  aliases: readonly string[]
}

const field = (target: string, label: Text, aliases: readonly string[] = []): TransferColumn => ({
  target,
  header: label,
  aliases,
})
const f = (key: string) => {
  const def = CUSTOMER_FILTER_FIELDS[key]
  if (!def) throw new Error(`no customer field ${key}`)
  return def.label
}

/** The customer's own fields, in template order. */
export const FIELD_COLUMNS: readonly TransferColumn[] = [
  field('code', f('code'), ['编码', '客户代码', '代码', 'code']),
  field('name', f('name'), ['客户全称', '名称', '单位名称', '公司名称', '企业名称', 'customer name', 'company']),
  field('shortName', f('shortName'), ['简称', 'short']),
  field('mnemonic', f('mnemonic'), ['助记码', '拼音码', 'mnemonic code']),
  field('uscc', f('uscc'), [
    '统一社会信用代码',
    '社会信用代码',
    '信用代码',
    '纳税人识别号(统一社会信用代码)',
    'credit code',
  ]),
  field('legalRepresentative', f('legalRepresentative'), ['法人', '法定代表人', '法人代表']),
  field('address', f('address'), ['地址', '联系地址', '注册地址', '公司地址']),
  field('postcode', f('postcode'), ['邮政编码', '邮编', 'zip', 'zip code', 'postal code']),
  field('phone', f('phone'), ['电话', '联系电话', '手机', '电话号码', 'tel', 'telephone', 'mobile']),
  field('email', f('email'), ['邮箱', 'email', 'e-mail', '电子邮箱', 'mail']),
  field('website', f('website'), ['网址', '网站', '主页', 'web', 'url']),
  field('bankName', f('bankName'), ['开户银行', '开户行', 'bank name']),
  field('bankAccount', f('bankAccount'), ['银行账号', '账号', '开户账号', 'account number']),
  field('taxNumber', f('taxNumber'), ['税号', '纳税人识别号', '纳税登记号', 'tax id']),
  field('accountManager', text('业务员', 'Account manager'), [
    '专管业务员',
    '负责人',
    '客户经理',
    'sales',
    'salesperson',
  ]),
  field('department', f('department'), ['分管部门', '部门', 'dept']),
  field('creditGrade', f('creditGrade'), ['信用等级', 'credit rating']),
  field('creditLimit', text('信用额度', 'Credit limit'), ['信用额度(元)', 'credit']),
  field('registrationDate', f('registrationDate'), ['建档日期', '发展日期', '登记日期', 'created']),
  field('headOffice', text('总公司编码', 'Head office code'), ['总公司', '上级客户', 'parent customer', 'head office']),
  field('lifecycleStage', f('lifecycleStage'), ['生命周期', '客户阶段', 'stage', 'lifecycle']),
  field('status', f('status'), ['状态', 'state']),
  field('remarks', f('remarks'), ['备注', '说明', 'note', 'notes', 'memo', 'comment']),
]

const SCHEME_ALIASES: Record<string, readonly string[]> = {
  type: ['类型', '客户类别', 'type'],
  class: ['所属分类', '分类', '客户分类编码', '所属分类码', 'class', 'category'],
  region: ['所属地区', '地区', '地区编码', '所属地区码', '区域', 'region', 'area'],
  industry: ['所属行业', '行业分类', '行业编码', 'industry'],
}

/** The built-in schemes' columns (客户类型, 客户分类, 地区分类, 行业). */
export const BUILTIN_SCHEME_COLUMNS: readonly TransferColumn[] = BUILTIN_SCHEMES.map((s) => ({
  target: s,
  header: BUILTIN_SCHEME_LABELS[s] ?? text(s, s),
  aliases: SCHEME_ALIASES[s] ?? [],
}))

/** A tenant's user-defined schemes and dimension attributes, as far as the layout needs them. */
export interface TransferExtras {
  schemes: readonly { code: string; name: string }[]
  attributes: readonly { code: string; name: string }[]
}

/**
 * Every column of a tenant's template, in order: fields, built-in schemes, the tenant's own schemes, then its
 * attributes. User-defined names are the same in both languages (the user wrote them).
 */
export function transferColumns(extras: TransferExtras): TransferColumn[] {
  return [
    ...FIELD_COLUMNS,
    ...BUILTIN_SCHEME_COLUMNS,
    ...extras.schemes.map((s) => ({ target: `scheme:${s.code}`, header: text(s.name, s.name), aliases: [s.code] })),
    ...extras.attributes.map((a) => ({ target: `attr.${a.code}`, header: text(a.name, a.name), aliases: [a.code] })),
  ]
}
