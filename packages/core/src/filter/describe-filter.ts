import type { AttributeDef } from '../attributes/attribute-def.js'
import { formatScaledDecimal, parseScaledDecimal } from '../attributes/scaled-decimal.js'
import { type Lang, pick } from '../errors.js'
import { type Condition, type Filter, type FilterNode, filterChildren, isCondition } from './filter.js'
import { CUSTOMER_FILTER_FIELDS, type FilterLabels, filterFieldLabel, parseFilterField } from './filter-fields.js'

const WORDS = {
  'zh-CN': {
    and: ' 且 ',
    or: ' 或 ',
    all: '（全部客户）',
    none: '（无）',
    list: '、',
    yes: '是',
    no: '否',
    empty: '（空）',
  },
  en: {
    and: ' and ',
    or: ' or ',
    all: '(all customers)',
    none: '(none)',
    list: ', ',
    yes: 'Yes',
    no: 'No',
    empty: '(empty)',
  },
} as const

/**
 * A filter as one line for previews, e.g. `客户分类 属于 01（含下级） 且 信用额度 ≥ 10000.00`.
 * Nested groups are parenthesised; money shows in yuan, choices by label when the attribute is known.
 */
export function describeFilter(filter: Filter, lang: Lang = 'zh-CN', labels: FilterLabels = {}): string {
  const w = WORDS[lang]
  const node = (n: FilterNode, top: boolean): string => {
    if (isCondition(n)) return describeCondition(n, lang, labels)
    const children = filterChildren(n)
    if (children.length === 0) return 'all' in n ? w.all : w.none
    const text = children.map((c) => node(c, false)).join('all' in n ? w.and : w.or)
    return top || children.length === 1 ? text : `(${text})`
  }
  return node(filter, true)
}

function describeCondition(c: Condition, lang: Lang, labels: FilterLabels): string {
  const w = WORDS[lang]
  const en = lang === 'en'
  const label = pick(filterFieldLabel(c.field, labels), lang)
  const ref = parseFilterField(c.field)
  const def: AttributeDef | undefined =
    ref.kind === 'attr' ? labels.attributes?.find((d) => d.code === ref.code) : undefined
  const money = ref.kind === 'field' && CUSTOMER_FILTER_FIELDS[ref.name]?.kind === 'money'
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return w.empty
    if (typeof v === 'boolean') return v ? w.yes : w.no
    if (money) {
      const r = parseScaledDecimal(v, 0)
      if (r.ok) return formatScaledDecimal(r.value, 2)
    }
    if (def && (def.type === 'single-choice' || def.type === 'multi-choice')) {
      const o = def.options.find((x) => x.code === v)
      if (o) return o.label
    }
    if (def?.type === 'boolean') {
      if (v === 'true' || v === 1) return w.yes
      if (v === 'false' || v === 0) return w.no
    }
    return typeof v === 'string' && ref.kind !== 'scheme' && !/^[\w.\-:/]+$/.test(v) ? `"${v}"` : String(v)
  }
  const many = (v: unknown) => (Array.isArray(v) ? v : [v]).map(show).join(w.list)
  switch (c.op) {
    case 'eq':
      return ref.kind === 'scheme' ? `${label} ${en ? 'is' : '为'} ${show(c.value)}` : `${label} = ${show(c.value)}`
    case 'ne':
      return `${label} ≠ ${show(c.value)}`
    case 'is':
      return `${label} ${en ? 'is' : '为'} ${show(c.value)}`
    case 'in':
      return en ? `${label} is one of ${many(c.value)}` : `${label} 为 ${many(c.value)} 之一`
    case 'notIn':
      return en ? `${label} is none of ${many(c.value)}` : `${label} 不为 ${many(c.value)} 中任一`
    case 'contains':
      return en ? `${label} contains ${many(c.value)}` : `${label} 包含 ${many(c.value)}`
    case 'startsWith':
      return en ? `${label} starts with ${show(c.value)}` : `${label} 以 ${show(c.value)} 开头`
    case 'gt':
      return `${label} > ${show(c.value)}`
    case 'gte':
      return `${label} ≥ ${show(c.value)}`
    case 'lt':
      return `${label} < ${show(c.value)}`
    case 'lte':
      return `${label} ≤ ${show(c.value)}`
    case 'empty':
      return en ? `${label} is empty` : `${label} 为空`
    case 'notEmpty':
      return en ? `${label} is not empty` : `${label} 不为空`
    case 'under':
      return en ? `${label} under ${many(c.value)} (with sub-levels)` : `${label} 属于 ${many(c.value)}（含下级）`
  }
}
