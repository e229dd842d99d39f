import { type PatternCheck, PreviewCodesInput, patternCheckOut, UpdateCodeRuleInput } from '@kehu/app'
import { type CodeRule, invalid, text } from '@kehu/core'
import type { Command } from 'commander'
import { z } from 'zod'
import { type Io, say } from '../../io.js'
import { parseJsonInput } from '../../json-input.js'
import { numberFlag, parseOptions } from '../shared.js'

export const globalTenant = (cmd: Command) => (cmd.optsWithGlobals() as { tenant?: string }).tenant

/** `--count` by the preview route's schema (1–100, default 5). */
export const parseCount = (s: string | undefined): number =>
  parseOptions(z.object({ count: PreviewCodesInput.shape.count }), s === undefined ? {} : { count: numberFlag(s) })
    .count

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
  for (const c of r.counters ?? [])
    io.out(
      say(
        io,
        `计数器 ${c.scopeKey || '（整条规则）'}：保存后从 ${c.startsAt} 开始（已发出 ${c.past}${c.from !== null ? `，现为 ${c.from}` : ''}），下一个编码 ${c.firstCode ?? '—'}`,
        `Counter ${c.scopeKey || '(the whole rule)'}: starts at ${c.startsAt} once saved (past ${c.past}${c.from !== null ? `; now ${c.from}` : ''}); next code ${c.firstCode ?? '—'}`,
      ),
    )
  if (r.counters?.length === 0)
    io.out(
      say(
        io,
        '已发出的编码中没有此规则能生成的：计数器照常继续',
        'No issued code is one this rule can print: the counters go on as they are',
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
  legacyCodes?: boolean
}

/** The rule flags as the API's rule input, checked by its schema (mode, on-clash and position alike). */
export function ruleInput(o: RuleOpts): UpdateCodeRuleInput {
  return parseOptions(UpdateCodeRuleInput, {
    ...(o.name !== undefined ? { name: o.name } : {}),
    ...(o.pattern !== undefined ? { pattern: o.pattern } : {}),
    ...(o.mode !== undefined ? { mode: o.mode } : {}),
    ...(o.onClash !== undefined ? { onClash: o.onClash } : {}),
    ...(o.condition !== undefined
      ? { condition: o.condition === 'null' ? null : parseJsonInput(o.condition, '--condition') }
      : {}),
    ...(o.position !== undefined ? { position: numberFlag(o.position) } : {}),
    ...(o.default ? { isDefault: true } : {}),
    ...(o.disabled ? { enabled: false } : o.enabled ? { enabled: true } : {}),
    ...(o.legacyCodes !== undefined ? { legacyCodes: o.legacyCodes } : {}),
  })
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
    .option(
      '--legacy-codes',
      say(
        io,
        '接受不符合规则的手工编码（遗留编码），给出提示而不拒绝',
        'accept typed codes that do not fit the pattern (legacy codes) with a warning instead of refusing them',
      ),
    )
    .option(
      '--no-legacy-codes',
      say(io, '拒绝不符合规则的手工编码（默认）', 'refuse typed codes that do not fit (default)'),
    )
