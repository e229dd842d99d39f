import { type CodeRuleInput, type PatternCheck, patternCheckOut } from '@kehu/app'
import { type CodeRule, type Issue, invalid, text } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { parseJsonInput } from '../../json-input.js'

export const globalTenant = (cmd: Command) => (cmd.optsWithGlobals() as { tenant?: string }).tenant

export function parseCount(s: string | undefined): number {
  const n = Number(s ?? '5')
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw invalid(
      'CLI_COUNT_INVALID',
      text(`--count 须为 1–100 的整数：${s}`, `--count must be an integer 1–100: ${s}`),
    )
  return n
}

/** Prints a check; throws the refusal (exit 2) with every reason when it is refused. */
export function reportCheck(io: Io, r: PatternCheck, json: boolean | undefined): void {
  if (json) io.out(JSON.stringify(patternCheckOut(r, io.lang), null, 2))
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

export interface RuleOpts {
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

export function ruleInput(o: RuleOpts): Partial<CodeRuleInput> {
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

export const ruleRow = (r: CodeRule) => ({
  name: r.name,
  pattern: r.pattern,
  mode: r.mode,
  onClash: r.onClash,
  default: r.isDefault ? '*' : '',
  enabled: r.enabled ? '✓' : '-',
  condition: r.condition === null ? '' : JSON.stringify(r.condition),
})

/** The options `code rule create` and `code rule update` share. */
export const ruleOptions = (c: Command, io: Io) =>
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
