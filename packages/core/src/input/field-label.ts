import { type Text, text } from '../errors.js'
import { BUILTIN_SCHEME_LABELS, CUSTOMER_FILTER_FIELDS } from '../filter/filter-fields.js'

// Input keys beyond the customer fields, in the words of the forms that send them.
const INPUT_LABELS: Record<string, Text> = {
  code: text('编码', 'Code'),
  name: text('名称', 'Name'),
  accountManager: text('业务员', 'Account manager'),
  headOffice: text('总公司', 'Head office'),
  creditLimit: text('信用额度', 'Credit limit'),
  timeZone: text('时区', 'Time zone'),
  pattern: text('编码规则格式', 'Code pattern'),
  rule: text('编码规则', 'Code rule'),
  sample: text('示例客户', 'Sample customer'),
  count: text('数量', 'Count'),
  condition: text('条件', 'Condition'),
  levels: text('编码方案', 'Level scheme'),
  parentCode: text('上级编码', 'Parent code'),
  description: text('说明', 'Description'),
  q: text('搜索词', 'Search text'),
  tenant: text('账套', 'Tenant'),
  path: text('网址路径', 'URL path'),
}

/** How the user calls the field at `path`: its label where kehu has one, else the path itself. */
export function fieldLabel(path: readonly (string | number)[]): Text {
  if (path.length === 0) return text('请求内容', 'The request body')
  const key = [...path].reverse().find((p): p is string => typeof p === 'string')
  const parent = key === undefined ? undefined : path[path.lastIndexOf(key) - 1]
  if (key !== undefined && parent === 'attributes') return text(`属性 ${key}`, `Attribute ${key}`)
  if (key !== undefined && parent === 'classes') return text(`分类体系 ${key}`, `Scheme ${key}`)
  const known =
    key === undefined
      ? undefined
      : (CUSTOMER_FILTER_FIELDS[key]?.label ?? BUILTIN_SCHEME_LABELS[key] ?? INPUT_LABELS[key])
  const dotted = path.join('.')
  if (!known) return text(`字段 ${dotted}`, `Field ${dotted}`)
  return key === dotted ? known : text(`${known.zh}（${dotted}）`, `${known.en} (${dotted})`)
}
