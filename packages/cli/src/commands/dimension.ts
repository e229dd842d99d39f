import {
  createAttribute,
  createDimension,
  deleteAttribute,
  deleteDimension,
  fillAttribute,
  findIncompleteCustomers,
  listDimensions,
  previewAttributeChange,
  updateAttribute,
  updateDimension,
} from '@kehu/app'
import { type AttributeConflict, type AttributeOption, type Filter, isAppError, pick } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say, table } from '../io.js'
import { parseJsonInput } from '../json-input.js'
import { tenantOf, withRuntime } from '../runtime-command.js'

const SEPARATORS = /[,，]/

const incompleteZh = (n: number) => (n ? `；${n} 个已有客户未填，列为待补全（未填入任何值）` : '')
const incompleteEn = (n: number) =>
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
function appliesToOf(o: {
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

interface AttrOpts {
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

/** The attribute fields the options set; the use case's schema checks them (numbers stay NaN if not numbers). */
function attributeFields(o: AttrOpts): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (o.name !== undefined) out.name = o.name
  if (o.type !== undefined) out.type = o.type
  if (o.code !== undefined) out.code = o.code
  if (o.precision !== undefined) out.precision = Number(o.precision)
  if (o.required !== undefined) out.required = o.required
  if (o.default !== undefined) out.defaultValue = o.default === '' ? null : o.default
  if (o.options !== undefined) out.options = parseOptions(o.options)
  if (o.scheme !== undefined) out.referenceScheme = o.scheme === '' ? null : o.scheme
  if (o.unique !== undefined) out.unique = o.unique
  if (o.indexed !== undefined) out.indexed = o.indexed
  if (o.enabled !== undefined) out.enabled = o.enabled
  if (o.position !== undefined) out.position = Number(o.position)
  const c: Record<string, unknown> = {}
  if (o.min !== undefined) c.min = o.min
  if (o.max !== undefined) c.max = o.max
  if (o.minLength !== undefined) c.minLength = Number(o.minLength)
  if (o.maxLength !== undefined) c.maxLength = Number(o.maxLength)
  if (o.pattern !== undefined) c.pattern = o.pattern
  if (Object.keys(c).length > 0) out.constraints = c
  return out
}

function attributeOptions(cmd: Command, io: Io, forUpdate: boolean): Command {
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
    .option('--json', say(io, '输出 JSON', 'print JSON'))
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

function updateOpts(o: AttrOpts & { enable?: boolean; disable?: boolean }): AttrOpts {
  const { enable, disable, ...rest } = o
  return { ...rest, ...(enable ? { enabled: true } : {}), ...(disable ? { enabled: false } : {}) }
}

function printConflicts(io: Io, conflicts: AttributeConflict[], count: number) {
  io.err(say(io, `冲突（共 ${count} 个）：`, `Conflicts (${count} in all):`))
  io.err(
    table(
      conflicts.map((c) => ({ customer: c.code, value: c.value, reason: pick(c.reason, io.lang) })),
      ['customer', 'value', 'reason'],
    ),
  )
}

/** `kehu dimension …`: management dimensions (管理维度) and their attributes. */
export function registerDimensionCommands(program: Command, io: Io) {
  const dim = program
    .command('dimension')
    .description(say(io, '管理维度与维度属性', 'management dimensions and their attributes'))

  dim
    .command('list')
    .description(say(io, '列出管理维度及其属性', 'list dimensions with their attributes'))
    .option('--json', say(io, '输出 JSON', 'print JSON'))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const list = await withRuntime(cmd, async (rt) => listDimensions(rt.ctx((await tenantOf(cmd, rt)).code)))
      if (opts.json) return io.out(JSON.stringify(list, null, 2))
      const rows = list.flatMap((d) => [
        {
          dimension: d.code,
          name: d.name,
          enabled: d.enabled ? '' : say(io, '停用', 'off'),
          attribute: '',
          type: '',
          flags: '',
        },
        ...d.attributes.map((a) => ({
          dimension: '',
          name: a.name,
          enabled: a.enabled ? '' : say(io, '停用', 'off'),
          attribute: a.code,
          type: a.type,
          flags: [a.required ? 'required' : '', a.unique ? 'unique' : '', a.indexed ? 'indexed' : '']
            .filter(Boolean)
            .join(','),
        })),
      ])
      io.out(table(rows, ['dimension', 'attribute', 'name', 'type', 'flags', 'enabled']))
    })

  dim
    .command('create <code> <name>')
    .description(say(io, '创建管理维度', 'create a dimension'))
    .option('--description <text>', say(io, '说明', 'description'))
    .option(
      '--applies-to-class <codes>',
      say(
        io,
        '仅适用于这些客户分类及其下级（逗号分隔）',
        'only for these classes and their sub-classes (comma-separated)',
      ),
    )
    .option('--applies-to <json>', say(io, '适用范围筛选条件（JSON）', '"applies to" filter (JSON)'))
    .option('--disabled', say(io, '创建为停用', 'create disabled'))
    .option('--json', say(io, '输出 JSON', 'print JSON'))
    .action(
      async (
        code: string,
        name: string,
        opts: { description?: string; appliesToClass?: string; appliesTo?: string; disabled?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const appliesTo = appliesToOf(opts)
        const d = await withRuntime(cmd, async (rt) =>
          createDimension(rt.ctx((await tenantOf(cmd, rt)).code), {
            code,
            name,
            ...(opts.description !== undefined ? { description: opts.description } : {}),
            ...(appliesTo !== undefined ? { appliesTo } : {}),
            ...(opts.disabled ? { enabled: false } : {}),
          } as never),
        )
        io.out(
          opts.json
            ? JSON.stringify(d, null, 2)
            : say(io, `已创建管理维度 ${d.code} ${d.name}`, `Created dimension ${d.code} ${d.name}`),
        )
      },
    )

  dim
    .command('update <code>')
    .description(say(io, '修改管理维度', 'change a dimension'))
    .option('--name <name>', say(io, '名称', 'name'))
    .option('--code <code>', say(io, '新编码', 'new code'))
    .option('--description <text>', say(io, '说明', 'description'))
    .option(
      '--applies-to-class <codes>',
      say(io, '仅适用于这些客户分类及其下级', 'only for these classes and their sub-classes'),
    )
    .option('--applies-to <json>', say(io, '适用范围筛选条件（JSON）', '"applies to" filter (JSON)'))
    .option('--applies-to-all', say(io, '适用于全部客户', 'for every customer'))
    .option('--enable', say(io, '启用', 'enable'))
    .option('--disable', say(io, '停用', 'disable'))
    .option('--json', say(io, '输出 JSON', 'print JSON'))
    .action(
      async (
        code: string,
        opts: {
          name?: string
          code?: string
          description?: string
          appliesToClass?: string
          appliesTo?: string
          appliesToAll?: boolean
          enable?: boolean
          disable?: boolean
          json?: boolean
        },
        cmd: Command,
      ) => {
        const appliesTo = appliesToOf(opts)
        const input = {
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          ...(opts.code !== undefined ? { code: opts.code } : {}),
          ...(opts.description !== undefined ? { description: opts.description } : {}),
          ...(appliesTo !== undefined ? { appliesTo } : {}),
          ...(opts.enable ? { enabled: true } : {}),
          ...(opts.disable ? { enabled: false } : {}),
        }
        const d = await withRuntime(cmd, async (rt) =>
          updateDimension(rt.ctx((await tenantOf(cmd, rt)).code), code, input),
        )
        io.out(
          opts.json ? JSON.stringify(d, null, 2) : say(io, `已修改管理维度 ${d.code}`, `Changed dimension ${d.code}`),
        )
      },
    )

  dim
    .command('delete <code>')
    .description(
      say(io, '删除管理维度（仍有客户填写其属性时拒绝）', 'delete a dimension (refused while customers hold values)'),
    )
    .action(async (code: string, _o: unknown, cmd: Command) => {
      await withRuntime(cmd, async (rt) => deleteDimension(rt.ctx((await tenantOf(cmd, rt)).code), code))
      io.out(say(io, `已删除管理维度 ${code}`, `Deleted dimension ${code}`))
    })

  const attr = dim.command('attr').description(say(io, '维度属性', 'dimension attributes'))

  attributeOptions(
    attr
      .command('add <dimension> <code> <name>')
      .description(say(io, '给管理维度添加属性', 'add an attribute to a dimension')),
    io,
    false,
  ).action(async (dimension: string, code: string, name: string, opts: AttrOpts, cmd: Command) => {
    const r = await withRuntime(cmd, async (rt) =>
      createAttribute(rt.ctx((await tenantOf(cmd, rt)).code), dimension, {
        ...attributeFields(opts),
        code,
        name,
      } as never),
    )
    if (opts.json) return io.out(JSON.stringify(r, null, 2))
    io.out(
      say(
        io,
        `已添加维度属性 ${r.attribute.code} ${r.attribute.name}${incompleteZh(r.incomplete)}`,
        `Added attribute ${r.attribute.code} ${r.attribute.name}${incompleteEn(r.incomplete)}`,
      ),
    )
  })

  attributeOptions(
    attr
      .command('update <code>')
      .description(
        say(
          io,
          '修改维度属性（类型变更先列出全部冲突）',
          'change an attribute (a type change lists every conflict first)',
        ),
      ),
    io,
    true,
  ).action(async (code: string, opts: AttrOpts & { enable?: boolean; disable?: boolean }, cmd: Command) => {
    try {
      const r = await withRuntime(cmd, async (rt) =>
        updateAttribute(rt.ctx((await tenantOf(cmd, rt)).code), code, attributeFields(updateOpts(opts))),
      )
      if (opts.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        say(
          io,
          `已修改维度属性 ${r.attribute.code}（改写 ${r.rewritten} 个取值）${incompleteZh(r.incomplete)}`,
          `Changed attribute ${r.attribute.code} (${r.rewritten} values rewritten)${incompleteEn(r.incomplete)}`,
        ),
      )
    } catch (e) {
      if (isAppError(e) && e.code === 'ATTR_CHANGE_CONFLICTS')
        printConflicts(io, (e.details?.conflicts ?? []) as AttributeConflict[], Number(e.details?.count ?? 0))
      throw e
    }
  })

  attributeOptions(
    attr
      .command('preview <code>')
      .description(
        say(
          io,
          '预览修改：冲突、改写与未填客户数，不做任何修改',
          'preview a change: conflicts, rewrites, customers left incomplete; changes nothing',
        ),
      ),
    io,
    true,
  ).action(async (code: string, opts: AttrOpts & { enable?: boolean; disable?: boolean }, cmd: Command) => {
    const p = await withRuntime(cmd, async (rt) =>
      previewAttributeChange(rt.ctx((await tenantOf(cmd, rt)).code), code, attributeFields(updateOpts(opts))),
    )
    if (opts.json) return io.out(JSON.stringify(p, null, 2))
    io.out(
      say(
        io,
        `${p.held} 个客户有取值；冲突 ${p.conflicts.length} 个，改写 ${p.rewrites} 个${incompleteZh(p.incomplete)}`,
        `${p.held} customers hold values; ${p.conflicts.length} conflicts, ${p.rewrites} rewrites${incompleteEn(p.incomplete)}`,
      ),
    )
    if (p.conflicts.length > 0)
      io.out(
        table(
          p.conflicts.map((c) => ({ customer: c.code, value: c.value, reason: pick(c.reason, io.lang) })),
          ['customer', 'value', 'reason'],
        ),
      )
  })

  attr
    .command('delete <code>')
    .description(
      say(
        io,
        '删除维度属性（有取值时需 --force，一并清除取值）',
        'delete an attribute (--force when used: removes the values)',
      ),
    )
    .option('--force', say(io, '连同客户的取值一起删除', 'remove the customers’ values too'))
    .option('--json', say(io, '输出 JSON', 'print JSON'))
    .action(async (code: string, opts: { force?: boolean; json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        deleteAttribute(rt.ctx((await tenantOf(cmd, rt)).code), code, { force: opts.force ?? false }),
      )
      if (opts.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        say(
          io,
          `已删除维度属性 ${code}（清除 ${r.removedValues} 个取值）`,
          `Deleted attribute ${code} (${r.removedValues} values removed)`,
        ),
      )
    })

  attr
    .command('incomplete <code>')
    .description(
      say(
        io,
        '列出适用该属性但未填写的客户（待补全）',
        'list the customers the attribute applies to that have no value',
      ),
    )
    .option('--limit <n>', say(io, '最多列出几个', 'list at most this many'), '50')
    .option('--json', say(io, '输出 JSON', 'print JSON'))
    .action(async (code: string, opts: { limit: string; json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        findIncompleteCustomers(rt.ctx((await tenantOf(cmd, rt)).code), code, { limit: Number(opts.limit) }),
      )
      if (opts.json) return io.out(JSON.stringify(r, null, 2))
      io.out(say(io, `${r.count} 个客户未填 ${code}`, `${r.count} customers have no value for ${code}`))
      if (r.customers.length > 0)
        io.out(
          table(
            r.customers.map((c) => ({ code: c.code, name: c.name })),
            ['code', 'name'],
          ),
        )
    })

  attr
    .command('fill <code> <value>')
    .description(
      say(
        io,
        '把一个值补填到所有未填该属性的客户（先用 --dry-run 看人数）',
        'fill one value into every customer without a value (see the count first with --dry-run)',
      ),
    )
    .option('--dry-run', say(io, '只统计会补填几个客户', 'only count the customers it would fill'))
    .option('--json', say(io, '输出 JSON', 'print JSON'))
    .action(async (code: string, value: string, opts: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        fillAttribute(rt.ctx((await tenantOf(cmd, rt)).code), code, { value, dryRun: opts.dryRun ?? false }),
      )
      if (opts.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        r.dryRun
          ? say(
              io,
              `将为 ${r.filled} 个客户填入 ${value}（未修改）`,
              `Would fill ${value} into ${r.filled} customers (nothing changed)`,
            )
          : say(io, `已为 ${r.filled} 个客户填入 ${value}`, `Filled ${value} into ${r.filled} customers`),
      )
    })
}
