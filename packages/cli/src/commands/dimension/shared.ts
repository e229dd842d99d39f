import { attributeConflictRows } from '@kehu/app'
import type { AttributeConflict, AttributeOption, Filter } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { parseJsonInput } from '../../json-input.js'
import { jsonOpt, numberFlag } from '../shared.js'

export const SEPARATORS = /[,，]/

export const incompleteZh = (n: number) => (n ? `；${n} 个已有客户未填，列为待补全（未填入任何值）` : '')

export const incompleteEn = (n: number) =>
  n ? `; ${n} existing customers have no value and are listed as incomplete (nothing was filled in)` : ''

/** `A=甲级,B=乙级` → options; a bare `A` is its own label. */
export function parseOptions(raw: string): AttributeOption[] {
  return raw
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const at = s.indexOf('=')
      const code = (at < 0 ? s : s.slice(0, at)).trim()
      const label = (at < 0 ? s : s.slice(at + 1)).trim()
      return { code, label, enabled: true }
    })
}

/** The "applies to" filter of the options: undefined when none is given, null for every customer. */
export function appliesToOf(o: {
  appliesToClass?: string
  appliesTo?: string
  appliesToAll?: boolean
}): Filter | null | undefined {
  if (o.appliesToAll) return null
  if (o.appliesTo) return parseJsonInput(o.appliesTo, '--applies-to') as Filter
  if (o.appliesToClass) {
    const codes = o.appliesToClass
      .split(SEPARATORS)
      .map((s) => s.trim())
      .filter(Boolean)
    return { all: [{ field: 'class', op: 'under', value: codes.length === 1 ? (codes[0] as string) : codes }] }
  }
  return undefined
}

export interface AttrOpts {
  name?: string
  type?: string
  precision?: string
  required?: boolean
  default?: string
  options?: string
  scheme?: string
  min?: string
  max?: string
  minLength?: string
  maxLength?: string
  pattern?: string
  unique?: boolean
  indexed?: boolean
  enabled?: boolean
  position?: string
  code?: string
  json?: boolean
}

/** The attribute fields the options set; the use case's schema checks them (a number flag that is none stays text). */
export function attributeFields(o: AttrOpts): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (o.name !== undefined) out.name = o.name
  if (o.type !== undefined) out.type = o.type
  if (o.code !== undefined) out.code = o.code
  if (o.precision !== undefined) out.precision = numberFlag(o.precision)
  if (o.required !== undefined) out.required = o.required
  if (o.default !== undefined) out.defaultValue = o.default === '' ? null : o.default
  if (o.options !== undefined) out.options = parseOptions(o.options)
  if (o.scheme !== undefined) out.referenceScheme = o.scheme === '' ? null : o.scheme
  if (o.unique !== undefined) out.unique = o.unique
  if (o.indexed !== undefined) out.indexed = o.indexed
  if (o.enabled !== undefined) out.enabled = o.enabled
  if (o.position !== undefined) out.position = numberFlag(o.position)
  const c: Record<string, unknown> = {}
  if (o.min !== undefined) c.min = o.min
  if (o.max !== undefined) c.max = o.max
  if (o.minLength !== undefined) c.minLength = numberFlag(o.minLength)
  if (o.maxLength !== undefined) c.maxLength = numberFlag(o.maxLength)
  if (o.pattern !== undefined) c.pattern = o.pattern
  if (Object.keys(c).length > 0) out.constraints = c
  return out
}

export function attributeOptions(cmd: Command, io: Io, forUpdate: boolean): Command {
  cmd
    .option(
      '--type <type>',
      say(
        io,
        '类型：text、number、date、boolean、single-choice、multi-choice、reference',
        'type: text, number, date, boolean, single-choice, multi-choice, reference',
      ),
    )
    .option('--precision <n>', say(io, '数字的小数位（0–6）', 'decimals of a number (0–6)'))
    .option(
      '--required',
      say(io, '必填（需要默认值，回填已有客户）', 'required (needs a default, back-filled into existing customers)'),
    )
    .option('--default <value>', say(io, '默认值（选项填编码）', 'default value (an option code for choices)'))
    .option('--options <list>', say(io, "选项，如 'A=甲级,B=乙级'", "options, e.g. 'A=甲级,B=乙级'"))
    .option('--scheme <code>', say(io, '引用的分类体系（reference 类型）', 'referenced scheme (reference type)'))
    .option('--min <value>', say(io, '最小值（数字或 YYYY-MM-DD）', 'minimum (number or YYYY-MM-DD)'))
    .option('--max <value>', say(io, '最大值（数字或 YYYY-MM-DD）', 'maximum (number or YYYY-MM-DD)'))
    .option('--min-length <n>', say(io, '最少字符数 / 最少选项数', 'minimum characters / options'))
    .option('--max-length <n>', say(io, '最多字符数 / 最多选项数', 'maximum characters / options'))
    .option('--pattern <regex>', say(io, '文本须完整匹配的正则表达式', 'regular expression the whole text must match'))
    .option(
      '--unique',
      say(io, '取值在账套内唯一（由数据库保证）', 'values unique in the tenant (kept by the database)'),
    )
    .option('--indexed', say(io, '建立索引以加快筛选', 'index for fast filters'))
    .option('--position <n>', say(io, '排序位置', 'position'))
    .option(...jsonOpt(io))
  if (forUpdate)
    cmd
      .option('--name <name>', say(io, '名称', 'name'))
      .option(
        '--code <code>',
        say(io, '新编码（仅限尚无客户填写时）', 'new code (only while no customer holds a value)'),
      )
      .option('--no-required', say(io, '改为非必填', 'make optional'))
      .option('--no-unique', say(io, '取消唯一', 'drop uniqueness'))
      .option('--no-indexed', say(io, '删除索引', 'drop the index'))
      .option('--enable', say(io, '启用', 'enable'))
      .option('--disable', say(io, '停用（已有取值保留）', 'disable (values are kept)'))
  return cmd
}

export function updateOpts(o: AttrOpts & { enable?: boolean; disable?: boolean }): AttrOpts {
  const { enable, disable, ...rest } = o
  return { ...rest, ...(enable ? { enabled: true } : {}), ...(disable ? { enabled: false } : {}) }
}

export function printConflicts(io: Io, conflicts: AttributeConflict[], count: number) {
  io.err(say(io, `冲突（共 ${count} 个）：`, `Conflicts (${count} in all):`))
  io.err(table(attributeConflictRows(conflicts, io.lang), ['customer', 'value', 'reason']))
}
