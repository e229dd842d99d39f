import { type Text, text } from '../errors.js'
import { BUILTIN_SCHEME_LABELS, CUSTOMER_FILTER_FIELDS } from '../filter/filter-fields.js'

// Input keys beyond the customer fields, in the words of the forms that send them. Every key of every request
// body and parameter has one (server/src/error-messages.test.ts walks the OpenAPI document to prove it).
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
  login: text('登录名', 'Login'),
  password: text('密码', 'Password'),
  current: text('当前密码', 'Current password'),
  next: text('新密码', 'New password'),
  displayName: text('姓名', 'Full name'),
  admin: text('系统管理员', 'Administrator'),
  scopes: text('令牌权限', 'Token permissions'),
  otherRules: text('其他编码规则', 'Other code rules'),
  permissions: text('权限', 'Permissions'),
  roles: text('角色', 'Roles'),
  nodeId: text('数据范围节点', 'Scope node'),
  subtree: text('含下级', 'Including sub-levels'),
  expiresAt: text('有效期至', 'Valid until'),
  path: text('网址路径', 'URL path'),
  appliesTo: text('适用范围', 'Applies to'),
  attributes: text('维度属性', 'Attributes'),
  classes: text('分类', 'Classes'),
  all: text('全部满足', 'All of'),
  any: text('任一满足', 'Any of'),
  field: text('字段', 'Field'),
  op: text('比较方式', 'Comparison'),
  value: text('值', 'Value'),
  constraints: text('取值约束', 'Constraints'),
  min: text('最小值', 'Minimum'),
  max: text('最大值', 'Maximum'),
  minLength: text('最少字符', 'Min characters'),
  maxLength: text('最多字符', 'Max characters'),
  minOptions: text('最少选项', 'Min options'),
  maxOptions: text('最多选项', 'Max options'),
  customerIds: text('所选客户', 'Chosen customers'),
  defaultValue: text('默认值', 'Default'),
  defaults: text('分类默认值', 'Class defaults'),
  codeRule: text('编码规则', 'Code rule'),
  serviceLevel: text('服务等级', 'Service level'),
  dryRun: text('仅预览', 'Preview only'),
  enabled: text('启用', 'Enabled'),
  entries: text('对照项', 'Entries'),
  short: text('简码', 'Short code'),
  expectedCount: text('预计数量', 'Expected count'),
  expectedVersion: text('版本', 'Version'),
  filter: text('筛选条件', 'Filter'),
  force: text('强制', 'Force'),
  id: text('标识', 'Identifier'),
  'idempotency-key': text('幂等键', 'Idempotency key'),
  'if-match': text('版本标记', 'Version tag (If-Match)'),
  indexed: text('索引', 'Indexed'),
  into: text('合并到', 'Merge into'),
  isDefault: text('默认规则', 'Default rule'),
  leafOnly: text('只能选末级', 'Leaves only'),
  limit: text('每页条数', 'Page size'),
  offset: text('起始位置', 'Start position'),
  mode: text('方式', 'Mode'),
  moveCustomersTo: text('客户移到', 'Move customers to'),
  moveParentCustomers: text('把上级的客户移到新分类', 'Move the parent’s customers to the new class'),
  newCode: text('新编码', 'New code'),
  newParentCode: text('新上级', 'New parent'),
  node: text('分类', 'Class'),
  onClash: text('重号时', 'On a clash'),
  legacyCodes: text('接受不符合规则的遗留编码', 'Accept legacy codes that do not fit'),
  nextCodeIfTaken: text('编码被占用时改用下一个可用编码', 'Take the next free code if the typed one is taken'),
  options: text('选项', 'Options'),
  label: text('选项名称', 'Option label'),
  segments: text('编码段', 'Segments'),
  kind: text('种类', 'Kind'),
  format: text('日期格式', 'Date format'),
  modifiers: text('取值处理', 'Modifiers'),
  n: text('字符数', 'Characters'),
  overflow: text('溢出时', 'On overflow'),
  per: text('流水依据', 'Serial scope'),
  granularity: text('日期粒度', 'Date granularity'),
  ref: text('取值来源', 'Value source'),
  attr: text('维度属性', 'Attribute'),
  level: text('级次', 'Level'),
  source: text('来源', 'Source'),
  start: text('起始值', 'Start'),
  step: text('步长', 'Step'),
  width: text('位数', 'Width'),
  position: text('顺序', 'Position'),
  precision: text('小数位', 'Decimals'),
  preview: text('预览', 'Preview'),
  reallocate: text('重新取号', 'Reallocate'),
  recodeCustomers: text('客户重新编码', 'Re-code customers'),
  referenceScheme: text('引用的分类体系', 'Referenced scheme'),
  required: text('必填', 'Required'),
  scheme: text('分类体系', 'Scheme'),
  unique: text('唯一', 'Unique'),
  manual: text('手工编码', 'Manual codes'),
  conditions: text('条件', 'Conditions'),
  text: text('固定文字', 'Fixed text'),
  actor: text('操作人', 'Who'),
  action: text('操作', 'Action'),
  customer: text('客户', 'Customer'),
  from: text('起始时间', 'From'),
  to: text('截止时间', 'To'),
  cursor: text('翻页位置', 'Page position'),
  jobId: text('任务', 'Job'),
  columns: text('列', 'Columns'),
  index: text('列序号', 'Column number'),
  header: text('表头', 'Header'),
  target: text('对应字段', 'Field'),
  uploadId: text('上传的文件', 'Uploaded file'),
  sheet: text('工作表', 'Sheet'),
  mapping: text('列的对应', 'Column mapping'),
  key: text('按哪个字段找客户', 'Key to find customers by'),
  allOrNothing: text('全部成功才写入', 'All or nothing'),
  encoding: text('文件编码', 'Encoding'),
  lang: text('语言', 'Language'),
  mine: text('只看我的', 'Only mine'),
  before: text('上一页的最后一项', 'Last item of the previous page'),
}

/** The label of one key of a path, `undefined` when kehu has none. */
function keyLabel(key: string): Text | undefined {
  return CUSTOMER_FILTER_FIELDS[key]?.label ?? BUILTIN_SCHEME_LABELS[key] ?? INPUT_LABELS[key]
}

const DATA_SCOPES = text('数据范围', 'Data scopes')

/**
 * How the user calls the field at `path`, in words only: each key by its label, a position as "第 2 段" /
 * "item 2", joined by ›. Attribute and scheme codes under `attributes` / `classes` are the user's own names.
 */
export function fieldLabel(path: readonly (string | number)[]): Text {
  if (path.length === 0) return text('请求内容', 'The request body')
  const parts = path.flatMap((p, i): Text[] => {
    const parent = path[i - 1]
    // Under `attributes` / `classes` the next key is the user's own code, which names the field alone.
    if ((p === 'attributes' || p === 'classes') && typeof path[i + 1] === 'string') return []
    // A member's data scopes are objects (kind, nodeId, subtree), a token's scopes are permission names: an issue
    // inside a scope item is about data scopes.
    if (p === 'scopes' && typeof path[i + 1] === 'number' && path.length > i + 2) return [DATA_SCOPES]
    return [partLabel(p, parent)]
  })
  const en = parts.map((t) => t.en).join(' › ')
  return text(parts.map((t) => t.zh).join(' › '), en.charAt(0).toUpperCase() + en.slice(1))
}

function partLabel(p: string | number, parent: string | number | undefined): Text {
  if (typeof p === 'number')
    return parent === 'segments' ? text(`第 ${p + 1} 段`, `segment ${p + 1}`) : text(`第 ${p + 1} 项`, `item ${p + 1}`)
  if (parent === 'attributes') return text(`属性 ${p}`, `attribute ${p}`)
  if (parent === 'classes') return text(`分类体系 ${p}`, `scheme ${p}`)
  return keyLabel(p) ?? text(p, p)
}

/** Whether kehu has words for this input key (the error-message test's completeness check). */
export const hasFieldLabel = (key: string): boolean => keyLabel(key) !== undefined
