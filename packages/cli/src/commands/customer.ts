import { readFile } from 'node:fs/promises'
import {
  archiveCustomer,
  CustomerInput,
  type CustomerPatch,
  type CustomerView,
  createCustomer,
  customerHistory,
  customerJson,
  deleteCustomer,
  findCustomers,
  getCustomer,
  type HistoryEntry,
  PreviewSample,
  previewCustomerCode,
  restoreCustomer,
  setCustomerStatus,
  updateCustomer,
} from '@kehu/app'
import { invalid, text } from '@kehu/core'
import type { Command } from 'commander'
import type { z } from 'zod'
import { type Io, say, table } from '../io.js'
import { parseJsonInput } from '../json-input.js'
import { tenantOf, withRuntime } from '../runtime-command.js'

const collect = (v: string, prev: string[]) => [...prev, v]
const FIELDS = Object.keys(CustomerInput.shape).filter((k) => k !== 'attributes' && k !== 'classes')

/** `KEY=VALUE` pairs into a record; an empty value means "clear" (null). */
function pairs(list: string[], flag: string): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  for (const item of list) {
    const i = item.indexOf('=')
    if (i <= 0)
      throw invalid('CLI_PAIR_INVALID', text(`${flag} 应写成 名称=值：${item}`, `${flag} takes NAME=VALUE: ${item}`))
    const v = item.slice(i + 1)
    out[item.slice(0, i).trim()] = v.trim() === '' ? null : v
  }
  return out
}

/** Builds a customer input (or patch) from `--set field=value`, `--attr CODE=VALUE` and the named flags. */
function inputFrom(
  sets: string[],
  attrs: string[],
  named: Record<string, string | undefined>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const classes: Record<string, string | null> = {}
  for (const [k, v] of Object.entries(pairs(sets, '--set'))) {
    if (k.startsWith('classes.')) classes[k.slice('classes.'.length)] = v
    else if (FIELDS.includes(k)) out[k] = v
    else
      throw invalid(
        'CLI_FIELD_UNKNOWN',
        text(
          `没有字段 ${k}；可用：${FIELDS.join(', ')}，或 classes.体系编码`,
          `There is no field ${k}; use one of ${FIELDS.join(', ')}, or classes.SCHEME`,
        ),
      )
  }
  for (const [k, v] of Object.entries(named)) if (v !== undefined) out[k] = v
  if (Object.keys(classes).length > 0) out.classes = classes
  if (attrs.length > 0) out.attributes = pairs(attrs, '--attr')
  return out
}

async function readJsonFile(path: string): Promise<Record<string, unknown>> {
  let raw: string
  try {
    raw = await readFile(path, 'utf8')
  } catch {
    throw invalid('CLI_FILE_UNREADABLE', text(`无法读取文件 ${path}`, `Cannot read the file ${path}`))
  }
  const v = parseJsonInput(raw, path)
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>
  throw invalid(
    'CLI_JSON_INVALID',
    text(`${path} 不是一个 JSON 对象（客户字段）`, `${path} is not a JSON object of customer fields`),
  )
}

function printCustomer(io: Io, v: CustomerView & { codes?: { code: string; kind: string }[] }) {
  const c = customerJson(v)
  const rows: [string, string, unknown][] = [
    ['编码', 'Code', c.code],
    ['名称', 'Name', c.name],
    ['简称', 'Short name', c.shortName],
    ['助记码', 'Mnemonic', c.mnemonic],
    ['状态', 'Status', c.status],
    ['统一社会信用代码', 'USCC', c.uscc],
    ['电话', 'Phone', c.phone],
    ['电子邮件', 'E-mail', c.email],
    ['地址', 'Address', c.address],
    ['业务员', 'Account manager', c.accountManager],
    ['信用额度', 'Credit limit', c.creditLimit],
    ['建档日期', 'Registered', c.registrationDate],
    ['总公司', 'Head office', c.headOffice ? `${c.headOffice.code} ${c.headOffice.name}` : null],
    ['版本', 'Version', c.version],
  ]
  for (const [scheme, n] of Object.entries(c.nodes))
    rows.push([`分类 ${scheme}`, `Class ${scheme}`, `${n.code} ${n.path.map((p) => p.name).join(' / ')}`])
  for (const [k, val] of Object.entries(c.attributes))
    rows.push([`属性 ${k}`, `Attribute ${k}`, typeof val === 'object' ? JSON.stringify(val) : val])
  const aliases = (v.codes ?? []).filter((x) => x.kind === 'alias').map((x) => x.code)
  if (aliases.length > 0) rows.push(['旧编码', 'Old codes', aliases.join(', ')])
  for (const [zh, en, val] of rows)
    if (val !== null && val !== undefined && val !== '') io.out(`${say(io, zh, en)}: ${String(val)}`)
}

const show = (v: unknown) =>
  v === null || v === undefined ? '∅' : typeof v === 'object' ? JSON.stringify(v) : String(v)

function printHistory(io: Io, items: HistoryEntry[]) {
  for (const h of items) {
    io.out(`${h.at}  ${h.actor}  ${h.action}${h.note ? `  (${h.note})` : ''}`)
    for (const ch of h.changes) io.out(`    ${ch.field}: ${show(ch.before)} → ${show(ch.after)}`)
  }
}

/** The customer fields given on the command line, checked against `schema`; every problem at once. */
function customerFields<T>(schema: z.ZodType<T>, input: Record<string, unknown>): T {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  throw invalid(
    'CUSTOMER_INVALID',
    text('客户信息有误', 'The customer is not valid'),
    parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      code: 'CUSTOMER_FIELD_TYPE',
      message: text(i.message, i.message),
    })),
  )
}

/** `customer create --dry-run`: the rule a create would choose and the code it would issue now. */
async function dryRun(cmd: Command, io: Io, input: Record<string, unknown>, asJson: boolean) {
  const draft = customerFields(PreviewSample, input)
  const r = await withRuntime(cmd, async (rt) => previewCustomerCode(rt.ctx((await tenantOf(cmd, rt)).code), draft))
  if (asJson) return io.out(JSON.stringify(r, null, 2))
  io.out(say(io, `规则：${r.rule.name}（${r.rule.pattern}）`, `Rule: ${r.rule.name} (${r.rule.pattern})`))
  if (r.code) io.out(say(io, `将生成编码：${r.code}（未预留）`, `Next code: ${r.code} (not reserved)`))
  for (const m of r.missing) io.out(say(io, `还需要：${m.message.zh}`, `Still needed: ${m.message.en}`))
  for (const i of r.issues) io.out(say(io, `问题：${i.message.zh}`, `Problem: ${i.message.en}`))
}

export function registerCustomerCommands(program: Command, io: Io) {
  const customer = program.command('customer').description(say(io, '客户档案', 'the customer archive (客户档案)'))
  const json = say(io, '输出 JSON', 'print JSON')

  customer
    .command('create')
    .description(
      say(
        io,
        '新建客户：编码由适用的编码规则生成（规则允许时可用 --code 指定）',
        'create a customer; the applicable code rule issues its code (or --code, where the rule allows)',
      ),
    )
    .option('--json-file <file>', say(io, '从 JSON 文件读取客户字段', 'read the customer fields from a JSON file'))
    .option('--name <name>', say(io, '客户全称', 'full name'))
    .option('--short-name <name>', say(io, '简称', 'short name'))
    .option('--code <code>', say(io, '指定编码', 'a typed code'))
    .option('--type <code>', say(io, '客户类型编码', 'customer type code'))
    .option('--class <code>', say(io, '客户分类编码', 'class code'))
    .option('--region <code>', say(io, '地区编码', 'region code'))
    .option('--industry <code>', say(io, '行业编码', 'industry code'))
    .option('--uscc <uscc>', say(io, '统一社会信用代码', 'unified social credit code'))
    .option('--phone <phone>', say(io, '电话', 'phone'))
    .option('--email <email>', say(io, '电子邮件', 'e-mail'))
    .option('--set <field=value>', say(io, '任意字段，可重复', 'any field, repeatable'), collect, [])
    .option('--attr <CODE=VALUE>', say(io, '维度属性，可重复', 'an attribute value, repeatable'), collect, [])
    .option(
      '--idempotency-key <key>',
      say(io, '幂等键：重试不会重复建档', 'idempotency key: a retry creates nothing twice'),
    )
    .option(
      '--dry-run',
      say(io, '只显示适用的规则和将生成的编码，不建档', 'only show the rule that applies and the code it would issue'),
    )
    .option('--json', json)
    .action(async (o: Record<string, string | string[] | boolean | undefined>, cmd: Command) => {
      const fromFile = o.jsonFile ? await readJsonFile(o.jsonFile as string) : {}
      const named = {
        name: o.name,
        shortName: o.shortName,
        code: o.code,
        type: o.type,
        class: o.class,
        region: o.region,
        industry: o.industry,
        uscc: o.uscc,
        phone: o.phone,
        email: o.email,
      } as Record<string, string | undefined>
      const flags = inputFrom(o.set as string[], o.attr as string[], named)
      const input: Record<string, unknown> = {
        ...fromFile,
        ...flags,
        ...(fromFile.attributes || flags.attributes
          ? { attributes: { ...(fromFile.attributes as object), ...(flags.attributes as object) } }
          : {}),
      }
      if (o.dryRun) return dryRun(cmd, io, input, Boolean(o.json))
      if (!input.name)
        throw invalid(
          'CLI_NAME_REQUIRED',
          text('请给出客户名称：--name 或 --json-file', 'Give the customer name: --name or --json-file'),
        )
      const fields = customerFields(CustomerInput, input)
      const result = await withRuntime(cmd, async (rt) =>
        createCustomer(rt.ctx((await tenantOf(cmd, rt)).code), fields, {
          ...(o.idempotencyKey ? { idempotencyKey: o.idempotencyKey as string } : {}),
        }),
      )
      if (o.json)
        return io.out(
          JSON.stringify(
            {
              ...customerJson(result),
              ...(result.codeReplaced ? { codeReplaced: result.codeReplaced } : {}),
              ...(result.replayed ? { replayed: true } : {}),
            },
            null,
            2,
          ),
        )
      io.out(
        result.replayed
          ? say(
              io,
              `重试：返回已建的客户 ${result.customer.code}`,
              `Retry: the customer ${result.customer.code} already exists`,
            )
          : say(
              io,
              `已建档：${result.customer.code} ${result.customer.name}`,
              `Created: ${result.customer.code} ${result.customer.name}`,
            ),
      )
      if (result.codeReplaced)
        io.out(
          say(
            io,
            `编码 ${result.codeReplaced.requested} 已被占用，按规则改发 ${result.codeReplaced.issued}`,
            `The code ${result.codeReplaced.requested} was taken; the rule issued ${result.codeReplaced.issued}`,
          ),
        )
    })

  customer
    .command('get <code>')
    .description(say(io, '查看客户（编码、旧编码或编号）', 'show a customer (code, old code or id)'))
    .option('--json', json)
    .action(async (code: string, o: { json?: boolean }, cmd: Command) => {
      const d = await withRuntime(cmd, async (rt) => getCustomer(rt.ctx((await tenantOf(cmd, rt)).code), code))
      if (o.json)
        return io.out(
          JSON.stringify(
            { ...customerJson(d), codes: d.codes, ...(d.matchedAlias ? { matchedAlias: d.matchedAlias } : {}) },
            null,
            2,
          ),
        )
      if (d.matchedAlias)
        io.out(
          say(
            io,
            `（${d.matchedAlias} 是旧编码，现编码 ${d.customer.code}）`,
            `(${d.matchedAlias} is an old code; the code is now ${d.customer.code})`,
          ),
        )
      printCustomer(io, d)
    })

  customer
    .command('list')
    .description(
      say(
        io,
        '查找客户：分类、地区等含下级；默认不含已归档',
        'find customers: classes and regions include their subtrees; archived ones only by --status',
      ),
    )
    .option('--q <text>', say(io, '编码、名称、助记码或拼音', 'code, name, mnemonic or pinyin'))
    .option('--type <codes>', say(io, '客户类型（逗号分隔）', 'customer types (comma separated)'))
    .option('--class <codes>', say(io, '客户分类（含下级）', 'classes (with subtrees)'))
    .option('--region <codes>', say(io, '地区（含下级）', 'regions (with subtrees)'))
    .option('--industry <codes>', say(io, '行业（含下级）', 'industries (with subtrees)'))
    .option(
      '--scheme <SCHEME:CODES>',
      say(
        io,
        '自定义分类体系（含下级），可重复，如 VALUE:A1',
        'a user scheme (with subtrees), repeatable, e.g. VALUE:A1',
      ),
      collect,
      [],
    )
    .option('--status <list>', say(io, 'active、disabled、archived', 'active, disabled, archived'))
    .option('--limit <n>', say(io, '每页条数（默认 50，最多 500）', 'page size (default 50, at most 500)'))
    .option('--offset <n>', say(io, '跳过条数', 'rows to skip'))
    .option('--json', json)
    .action(async (o: Record<string, string | string[] | boolean | undefined>, cmd: Command) => {
      const num = (v: unknown, flag: string) => {
        if (v === undefined) return undefined
        const n = Number(v)
        if (!Number.isInteger(n) || n < 0)
          throw invalid('CLI_NUMBER_INVALID', text(`${flag} 须为整数：${v}`, `${flag} must be an integer: ${v}`))
        return n
      }
      const limit = num(o.limit, '--limit')
      const offset = num(o.offset, '--offset')
      if (limit !== undefined && (limit < 1 || limit > 500))
        throw invalid('CLI_NUMBER_INVALID', text('--limit 须在 1–500 之间', '--limit must be 1–500'))
      const page = await withRuntime(cmd, async (rt) =>
        findCustomers(rt.ctx((await tenantOf(cmd, rt)).code), {
          ...(o.q ? { q: o.q as string } : {}),
          ...(o.type ? { type: o.type as string } : {}),
          ...(o.class ? { class: o.class as string } : {}),
          ...(o.region ? { region: o.region as string } : {}),
          ...(o.industry ? { industry: o.industry as string } : {}),
          ...((o.scheme as string[]).length ? { scheme: o.scheme as string[] } : {}),
          ...(o.status ? { status: o.status as string } : {}),
          ...(limit !== undefined ? { limit } : {}),
          ...(offset !== undefined ? { offset } : {}),
        }),
      )
      if (o.json) return io.out(JSON.stringify({ ...page, items: page.items.map(customerJson) }, null, 2))
      io.out(
        table(
          page.items.map((v) => ({
            code: v.customer.code,
            name: v.customer.name,
            mnemonic: v.customer.mnemonic,
            class: v.nodes.class?.code,
            region: v.nodes.region?.code,
            status: v.customer.status,
          })),
          ['code', 'name', 'mnemonic', 'class', 'region', 'status'],
        ),
      )
      io.out(
        say(
          io,
          `共 ${page.total} 个，显示 ${page.offset + 1}–${page.offset + page.items.length}`,
          `${page.total} in all, showing ${page.offset + 1}–${page.offset + page.items.length}`,
        ),
      )
    })

  customer
    .command('update <code>')
    .description(
      say(
        io,
        '修改客户：只改给出的字段（空值清除）；编码不在此修改（见 kehu code recode）',
        'edit a customer: only the given fields change (empty clears); the code changes only by kehu code recode',
      ),
    )
    .option('--set <field=value>', say(io, '字段，可重复', 'a field, repeatable'), collect, [])
    .option('--attr <CODE=VALUE>', say(io, '维度属性，可重复', 'an attribute value, repeatable'), collect, [])
    .option('--json-file <file>', say(io, '从 JSON 文件读取要改的字段', 'read the fields to change from a JSON file'))
    .option('--json', json)
    .action(
      async (code: string, o: { set: string[]; attr: string[]; jsonFile?: string; json?: boolean }, cmd: Command) => {
        const fromFile = o.jsonFile ? await readJsonFile(o.jsonFile) : {}
        const patch = { ...fromFile, ...inputFrom(o.set, o.attr, {}) } as CustomerPatch
        if (Object.keys(patch).length === 0)
          throw invalid(
            'CLI_NOTHING_TO_CHANGE',
            text(
              '没有要修改的字段：用 --set 字段=值 或 --attr 编码=值',
              'Nothing to change: use --set field=value or --attr CODE=VALUE',
            ),
          )
        const r = await withRuntime(cmd, async (rt) => {
          const ctx = rt.ctx((await tenantOf(cmd, rt)).code)
          const current = await getCustomer(ctx, code)
          return updateCustomer(ctx, current.customer.id, current.customer.version, patch)
        })
        if (o.json) return io.out(JSON.stringify({ ...customerJson(r), changes: r.changes }, null, 2))
        const keys = Object.entries(r.changes)
        if (keys.length === 0) return io.out(say(io, '没有变化', 'Nothing changed'))
        io.out(
          say(
            io,
            `已修改 ${r.customer.code}（版本 ${r.customer.version}）`,
            `Updated ${r.customer.code} (version ${r.customer.version})`,
          ),
        )
        for (const [field, ch] of keys) io.out(`  ${field}: ${show(ch.before)} → ${show(ch.after)}`)
      },
    )

  const statusCommands = [
    [
      'disable',
      '停用客户',
      'disable a customer',
      (rt: Rt, t: string, c: string) => setCustomerStatus(rt.ctx(t), c, 'disabled'),
    ],
    [
      'enable',
      '启用客户',
      'enable a disabled customer',
      (rt: Rt, t: string, c: string) => setCustomerStatus(rt.ctx(t), c, 'active'),
    ],
    [
      'archive',
      '归档客户（不再出现在默认列表中，可恢复）',
      'archive a customer (hidden from default lists; restorable)',
      (rt: Rt, t: string, c: string) => archiveCustomer(rt.ctx(t), c),
    ],
    [
      'restore',
      '恢复已归档的客户',
      'restore an archived customer',
      (rt: Rt, t: string, c: string) => restoreCustomer(rt.ctx(t), c),
    ],
  ] as const
  for (const [name, zh, en, run] of statusCommands)
    customer
      .command(`${name} <code>`)
      .description(say(io, zh, en))
      .option('--json', json)
      .action(async (code: string, o: { json?: boolean }, cmd: Command) => {
        const r = await withRuntime(cmd, async (rt) => run(rt, (await tenantOf(cmd, rt)).code, code))
        if (o.json)
          return io.out(
            JSON.stringify(
              { code: r.customer.code, status: r.customer.status, version: r.customer.version, changed: r.changed },
              null,
              2,
            ),
          )
        io.out(
          r.changed
            ? say(
                io,
                `${r.customer.code}：状态为 ${r.customer.status}`,
                `${r.customer.code}: status is ${r.customer.status}`,
              )
            : say(
                io,
                `${r.customer.code} 已是 ${r.customer.status}，未作更改`,
                `${r.customer.code} is already ${r.customer.status}; nothing changed`,
              ),
        )
      })

  customer
    .command('delete <code>')
    .description(
      say(
        io,
        '彻底删除未被引用的客户（仅管理员；一般请用归档）',
        'delete an unreferenced customer for good (administrators; archive is usually what you want)',
      ),
    )
    .option('--yes', say(io, '确认删除', 'confirm the deletion'))
    .option('--json', json)
    .action(async (code: string, o: { yes?: boolean; json?: boolean }, cmd: Command) => {
      if (!o.yes)
        throw invalid(
          'CLI_CONFIRM_REQUIRED',
          text(`彻底删除客户 ${code} 需要加 --yes 确认`, `Deleting customer ${code} for good needs --yes`),
        )
      const r = await withRuntime(cmd, async (rt) => deleteCustomer(rt.ctx((await tenantOf(cmd, rt)).code), code))
      io.out(
        o.json
          ? JSON.stringify({ deleted: r }, null, 2)
          : say(io, `已删除客户 ${r.code}`, `Deleted customer ${r.code}`),
      )
    })

  customer
    .command('history <code>')
    .description(say(io, '客户的修改履历：谁、何时、改前 → 改后', "a customer's history: who, when, before → after"))
    .option('--json', json)
    .action(async (code: string, o: { json?: boolean }, cmd: Command) => {
      const items = await withRuntime(cmd, async (rt) => customerHistory(rt.ctx((await tenantOf(cmd, rt)).code), code))
      if (o.json) return io.out(JSON.stringify({ items }, null, 2))
      printHistory(io, items)
    })
}

type Rt = Parameters<Parameters<typeof withRuntime>[1]>[0]
