import {
  auditCodes,
  type CodeRuleInput,
  checkPattern,
  codeCapacity,
  createCodeMap,
  createCodeRule,
  deleteCodeRule,
  getCustomerByCode,
  listCodeMaps,
  listCodeRules,
  type PatternCheck,
  parseMapEntries,
  previewNextCodes,
  recodeCustomer,
  updateCodeMap,
  updateCodeRule,
} from '@kehu/app'
import { type CodeRule, type Issue, invalid, pick, text } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say, table } from '../io.js'
import { parseJsonInput } from '../json-input.js'
import { tenantOf, withRuntime } from '../runtime-command.js'

const globalTenant = (cmd: Command) => (cmd.optsWithGlobals() as { tenant?: string }).tenant

function parseCount(s: string | undefined): number {
  const n = Number(s ?? '5')
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw invalid(
      'CLI_COUNT_INVALID',
      text(`--count 须为 1–100 的整数：${s}`, `--count must be an integer 1–100: ${s}`),
    )
  return n
}

/** Prints a check; throws the refusal (exit 2) with every reason when it is refused. */
function reportCheck(io: Io, r: PatternCheck, json: boolean | undefined): void {
  if (json)
    io.out(
      JSON.stringify({ ...r, issues: r.issues.map((i) => ({ ...i, message: pick(i.message, io.lang) })) }, null, 2),
    )
  if (!r.accepted)
    throw invalid(
      'CODE_RULE_REFUSED',
      text(
        `编码规则不能接受：${r.issues.length} 个问题${r.against === 'structure' ? '（仅检查结构；加 --tenant 按账套的取值检查）' : ''}`,
        `The code rule is refused: ${r.issues.length} problem(s)${r.against === 'structure' ? ' (structure only; add --tenant to check against a tenant)' : ''}`,
      ),
      r.issues,
    )
  if (json) return
  io.out(say(io, `可以接受：${r.pattern}`, `Accepted: ${r.pattern}`))
  io.out(
    say(
      io,
      `流水依据：${r.scope.length ? r.scope.join(' + ') : '整条规则一个计数器'}；容量：${r.capacity ?? '不限（溢出时加宽）'}`,
      `Serial scope: ${r.scope.length ? r.scope.join(' + ') : 'one counter for the rule'}; capacity: ${r.capacity ?? 'unbounded (widens)'}`,
    ),
  )
  if (r.against === 'structure')
    io.out(
      say(
        io,
        '（仅检查结构，取值视为未知；加 --tenant 按账套的分类、对照表和其他规则检查）',
        "(structure only, values unknown; add --tenant to check against a tenant's classes, maps and other rules)",
      ),
    )
}

interface RuleOpts {
  pattern?: string
  name?: string
  mode?: string
  onClash?: string
  condition?: string
  position?: string
  default?: boolean
  disabled?: boolean
  enabled?: boolean
}

function ruleInput(o: RuleOpts): Partial<CodeRuleInput> {
  const issues: Issue[] = []
  if (o.mode !== undefined && !['auto', 'auto-editable', 'manual'].includes(o.mode))
    issues.push({
      path: ['mode'],
      code: 'CLI_MODE',
      message: text('--mode 须为 auto、auto-editable 或 manual', '--mode is auto, auto-editable or manual'),
    })
  if (o.onClash !== undefined && !['next', 'refuse'].includes(o.onClash))
    issues.push({
      path: ['onClash'],
      code: 'CLI_ON_CLASH',
      message: text('--on-clash 须为 next 或 refuse', '--on-clash is next or refuse'),
    })
  const position = o.position === undefined ? undefined : Number(o.position)
  if (position !== undefined && (!Number.isInteger(position) || position < 0))
    issues.push({
      path: ['position'],
      code: 'CLI_POSITION',
      message: text('--position 须为非负整数', '--position is a non-negative integer'),
    })
  if (issues.length > 0) throw invalid('CLI_OPTIONS_INVALID', text('选项有误', 'Invalid options'), issues)
  return {
    ...(o.name !== undefined ? { name: o.name } : {}),
    ...(o.pattern !== undefined ? { pattern: o.pattern } : {}),
    ...(o.mode !== undefined ? { mode: o.mode as CodeRule['mode'] } : {}),
    ...(o.onClash !== undefined ? { onClash: o.onClash as CodeRule['onClash'] } : {}),
    ...(o.condition !== undefined
      ? { condition: o.condition === 'null' ? null : parseJsonInput(o.condition, '--condition') }
      : {}),
    ...(position !== undefined ? { position } : {}),
    ...(o.default ? { isDefault: true } : {}),
    ...(o.disabled ? { enabled: false } : o.enabled ? { enabled: true } : {}),
  }
}

const ruleRow = (r: CodeRule) => ({
  name: r.name,
  pattern: r.pattern,
  mode: r.mode,
  onClash: r.onClash,
  default: r.isDefault ? '*' : '',
  enabled: r.enabled ? '✓' : '-',
  condition: r.condition === null ? '' : JSON.stringify(r.condition),
})

/** `kehu code …`: check, preview, audit, capacity, rules, map tables, re-code. */
export function registerCodeCommands(program: Command, io: Io) {
  const code = program.command('code').description(say(io, '编码规则与客户编码', 'code rules and customer codes'))
  const json = () => say(io, '输出 JSON', 'print JSON')

  code
    .command('check <pattern>')
    .description(
      say(
        io,
        '检查编码规则：接受，或列出全部拒绝理由（退出码 2）。不加 --tenant 时不打开数据库，只检查结构',
        'check a code rule: accept it, or list every reason to refuse it (exit 2). Without --tenant no database is opened',
      ),
    )
    .option(
      '--rule <name>',
      say(io, '正在修改的规则（不与自身比较）', 'the rule being edited (not compared with itself)'),
    )
    .option('--json', json())
    .action(async (pattern: string, o: { rule?: string; json?: boolean }, cmd: Command) => {
      const tenant = globalTenant(cmd)
      const input = { pattern, ...(o.rule ? { rule: o.rule } : {}) }
      const r =
        tenant === undefined && o.rule === undefined
          ? await checkPattern(undefined, input)
          : await withRuntime(cmd, async (rt) => checkPattern(rt.ctx((await tenantOf(cmd, rt)).code), input))
      reportCheck(io, r, o.json)
    })

  code
    .command('preview [pattern]')
    .description(
      say(
        io,
        '预览示例客户的下 N 个编码，不占用任何编号。PATTERN 且无 --tenant：不打开数据库；--rule：按数据库中的计数器',
        "preview the next N codes for a sample customer; nothing is reserved. A PATTERN without --tenant opens no database; --rule uses the database's counters",
      ),
    )
    .option('--rule <name>', say(io, '按已保存的规则', 'a stored rule by name'))
    .option(
      '--sample <json>',
      say(
        io,
        `示例客户 JSON，如 '{"type":"V","region":"BJ"}'`,
        `sample customer JSON, e.g. '{"type":"V","region":"BJ"}'`,
      ),
      '{}',
    )
    .option('--count <n>', say(io, '数量 1–100（默认 5）', 'how many, 1–100 (default 5)'), '5')
    .option('--json', json())
    .action(
      async (
        pattern: string | undefined,
        o: { rule?: string; sample: string; count: string; json?: boolean },
        cmd: Command,
      ) => {
        if ((pattern === undefined) === (o.rule === undefined))
          throw invalid('CLI_PREVIEW_ARGS', text('请给出 PATTERN 或 --rule 之一', 'Give either PATTERN or --rule'))
        const sample = parseJsonInput(o.sample, '--sample')
        const input = {
          ...(pattern !== undefined ? { pattern } : {}),
          ...(o.rule !== undefined ? { rule: o.rule } : {}),
          sample: sample as never,
          count: parseCount(o.count),
        }
        const r =
          globalTenant(cmd) === undefined && o.rule === undefined
            ? await previewNextCodes(undefined, input)
            : await withRuntime(cmd, async (rt) => previewNextCodes(rt.ctx((await tenantOf(cmd, rt)).code), input))
        if (o.json) return io.out(JSON.stringify(r, null, 2))
        for (const i of r.items)
          io.out(
            i.taken ? `${i.code}  ${say(io, '（已被占用，发号时会跳过）', '(taken; allocation skips it)')}` : i.code,
          )
      },
    )

  code
    .command('audit')
    .description(
      say(
        io,
        '检查账套中重复、格式不规范、不符合规则的编码，以及落后于编码的计数器，并给出修正建议；--fix 只移动计数器',
        'find duplicated, malformed and off-rule codes and counters behind a code, each with a fix; --fix only moves counters',
      ),
    )
    .option(
      '--fix',
      say(io, '把落后的计数器移过已有编码（记入审计）', 'move counters that are behind past the codes (audited)'),
    )
    .option('--json', json())
    .action(async (o: { fix?: boolean; json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        auditCodes(rt.ctx((await tenantOf(cmd, rt)).code), { fix: o.fix ?? false }),
      )
      if (o.json)
        return io.out(
          JSON.stringify(
            {
              ...r,
              findings: r.findings.map((f) => ({ ...f, reason: pick(f.reason, io.lang), fix: pick(f.fix, io.lang) })),
            },
            null,
            2,
          ),
        )
      const kinds: Record<string, string> = {
        duplicate: say(io, '重复', 'duplicate'),
        malformed: say(io, '格式', 'malformed'),
        'off-rule': say(io, '不符规则', 'off-rule'),
        'counter-behind': say(io, '计数器落后', 'counter behind'),
      }
      for (const f of r.findings)
        io.out(
          `[${kinds[f.kind]}] ${f.code}  ${f.customerName}\n  ${pick(f.reason, io.lang)}\n  → ${pick(f.fix, io.lang)}${f.fixed ? say(io, '（已修正）', ' (fixed)') : ''}`,
        )
      io.out(
        say(
          io,
          `检查了 ${r.checked} 个编码：重复 ${r.counts.duplicate}，格式 ${r.counts.malformed}，不符规则 ${r.counts['off-rule']}，计数器落后 ${r.counts['counter-behind']}${o.fix ? `；已修正 ${r.fixed}` : ''}`,
          `Checked ${r.checked} codes: ${r.counts.duplicate} duplicated, ${r.counts.malformed} malformed, ${r.counts['off-rule']} off-rule, ${r.counts['counter-behind']} counters behind${o.fix ? `; fixed ${r.fixed}` : ''}`,
        ),
      )
    })

  code
    .command('capacity')
    .description(
      say(
        io,
        '每个计数器：已用、剩余、近 30 天速度、预计用尽天数',
        'per counter: used, remaining, rate over 30 days, days until exhausted',
      ),
    )
    .option('--json', json())
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) => codeCapacity(rt.ctx((await tenantOf(cmd, rt)).code)))
      if (o.json) return io.out(JSON.stringify(r, null, 2))
      if (r.length === 0) return io.out(say(io, '还没有发出编码的计数器', 'No counter has issued a code yet'))
      const level = { ok: '', warn: say(io, '⚠ 注意', '⚠ warn'), full: say(io, '✖ 已满', '✖ full') }
      io.out(
        table(
          r.map((c) => ({
            rule: c.rule,
            scope: c.scopeKey || '-',
            used: c.used,
            next: c.next,
            remaining: c.remaining ?? '∞',
            perDay: c.ratePerDay,
            daysLeft: c.daysLeft ?? '-',
            level: level[c.level],
          })),
          ['rule', 'scope', 'used', 'next', 'remaining', 'perDay', 'daysLeft', 'level'],
        ),
      )
    })

  code
    .command('find <code>')
    .description(say(io, '按编码（含旧编码）查找客户', 'find a customer by a code, live or old'))
    .option('--json', json())
    .action(async (c: string, o: { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) => getCustomerByCode(rt.ctx((await tenantOf(cmd, rt)).code), c))
      if (o.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        r.alias
          ? say(
              io,
              `${r.matched} 是旧编码：客户 ${r.customer.code} ${r.customer.name}`,
              `${r.matched} is an old code of ${r.customer.code} ${r.customer.name}`,
            )
          : `${r.customer.code} ${r.customer.name}`,
      )
    })

  code
    .command('recode <customer>')
    .description(
      say(
        io,
        '重新编码一个客户（按编码或 id）：旧编码保留为别名，记入审计',
        're-code a customer (by code or id): the old code stays as an alias; audited',
      ),
    )
    .option('--to <code>', say(io, '新编码（检查格式与唯一性）', 'the new code (checked for shape and uniqueness)'))
    .option('--reallocate', say(io, '按现行规则重新生成', 'allocate by the rule that applies now'))
    .option('--json', json())
    .action(async (c: string, o: { to?: string; reallocate?: boolean; json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        recodeCustomer(rt.ctx((await tenantOf(cmd, rt)).code), c, {
          ...(o.to !== undefined ? { newCode: o.to } : {}),
          ...(o.reallocate ? { reallocate: true } : {}),
        }),
      )
      if (o.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        say(
          io,
          `已重新编码：${r.oldCode} → ${r.newCode}（规则“${r.rule}”；旧编码仍可查到该客户）`,
          `Re-coded: ${r.oldCode} → ${r.newCode} (rule "${r.rule}"; the old code still finds the customer)`,
        ),
      )
    })

  const rule = code
    .command('rule')
    .description(say(io, '编码规则的增删改查', 'create, list, change and delete code rules'))
  const ruleOptions = (c: Command) =>
    c
      .option('--mode <mode>', say(io, 'auto | auto-editable | manual', 'auto | auto-editable | manual'))
      .option(
        '--on-clash <what>',
        say(io, '重号时：next（自动重取）或 refuse', 'on a clash: next (take the next) or refuse'),
      )
      .option(
        '--condition <json>',
        say(
          io,
          `条件（客户筛选 JSON），如 '{"all":[{"field":"type","op":"eq","value":"VIP"}]}'`,
          `condition (customer filter JSON), e.g. '{"all":[{"field":"type","op":"eq","value":"VIP"}]}'`,
        ),
      )
      .option('--position <n>', say(io, '顺序（条件规则按此依次尝试）', 'order in which conditional rules are tried'))
      .option('--default', say(io, '设为默认规则', 'make it the default rule'))
      .option('--disabled', say(io, '停用', 'disabled'))
  ruleOptions(
    rule
      .command('create <name> <pattern>')
      .description(
        say(
          io,
          '新建规则（按账套检查，拒绝时列出全部理由）',
          'create a rule (checked against the tenant; refusals list every reason)',
        ),
      ),
  )
    .option('--json', json())
    .action(async (name: string, pattern: string, o: RuleOpts & { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        createCodeRule(rt.ctx((await tenantOf(cmd, rt)).code), { ...ruleInput(o), name, pattern }),
      )
      io.out(
        o.json
          ? JSON.stringify(r, null, 2)
          : say(io, `已新建规则“${r.name}”：${r.pattern}`, `Created rule "${r.name}": ${r.pattern}`),
      )
    })
  ruleOptions(
    rule
      .command('update <name>')
      .description(
        say(io, '修改规则（重新检查；已发出的编码保持不变）', 'change a rule (re-checked; issued codes stay)'),
      )
      .option('--pattern <pattern>', say(io, '新的编码规则', 'the new pattern'))
      .option('--name <new>', say(io, '新名称', 'a new name'))
      .option('--enabled', say(io, '启用', 'enabled')),
  )
    .option('--json', json())
    .action(async (name: string, o: RuleOpts & { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        updateCodeRule(rt.ctx((await tenantOf(cmd, rt)).code), name, ruleInput(o)),
      )
      io.out(
        o.json
          ? JSON.stringify(r, null, 2)
          : say(io, `已修改规则“${r.name}”：${r.pattern}`, `Changed rule "${r.name}": ${r.pattern}`),
      )
    })
  rule
    .command('list')
    .description(say(io, '列出规则（按尝试顺序）', 'list rules (in the order they are tried)'))
    .option('--json', json())
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) => listCodeRules(rt.ctx((await tenantOf(cmd, rt)).code)))
      io.out(
        o.json
          ? JSON.stringify(r, null, 2)
          : table(r.map(ruleRow), ['name', 'pattern', 'mode', 'onClash', 'default', 'enabled', 'condition']),
      )
    })
  rule
    .command('delete <name>')
    .description(say(io, '删除未发过编码的非默认规则', 'delete a rule that never issued a code and is not the default'))
    .action(async (name: string, _o: unknown, cmd: Command) => {
      await withRuntime(cmd, async (rt) => deleteCodeRule(rt.ctx((await tenantOf(cmd, rt)).code), name))
      io.out(say(io, `已删除规则“${name}”`, `Deleted rule "${name}"`))
    })

  const map = code
    .command('map')
    .description(say(io, '对照表（值 → 简码，如 北京 → BJ）', 'map tables (value → short code, e.g. 北京 → BJ)'))
  map
    .command('set <name>')
    .description(
      say(
        io,
        '新建或替换对照表；使用它的启用规则会重新检查',
        'create or replace a map table; active rules that use it are re-checked',
      ),
    )
    .requiredOption('--entries <pairs>', say(io, `如 '北京=BJ,上海=SH'`, `e.g. '北京=BJ,上海=SH'`))
    .option('--json', json())
    .action(async (name: string, o: { entries: string; json?: boolean }, cmd: Command) => {
      const entries = parseMapEntries(o.entries)
      const r = await withRuntime(cmd, async (rt) => {
        const tenant = (await tenantOf(cmd, rt)).code
        const exists = (await listCodeMaps(rt.ctx(tenant))).some((m) => m.name === name)
        return exists
          ? updateCodeMap(rt.ctx(tenant), name, { name, entries })
          : createCodeMap(rt.ctx(tenant), { name, entries })
      })
      io.out(
        o.json
          ? JSON.stringify(r, null, 2)
          : say(
              io,
              `已保存对照表“${r.name}”：${r.entries.length} 项`,
              `Saved map table "${r.name}": ${r.entries.length} entries`,
            ),
      )
    })
  map
    .command('list')
    .description(say(io, '列出对照表', 'list map tables'))
    .option('--json', json())
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) => listCodeMaps(rt.ctx((await tenantOf(cmd, rt)).code)))
      if (o.json) return io.out(JSON.stringify(r, null, 2))
      for (const m of r) io.out(`${m.name}: ${m.entries.map((e) => `${e.value}=${e.short}`).join(', ')}`)
    })
}
