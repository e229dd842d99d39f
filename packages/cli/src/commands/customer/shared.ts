import { readFile } from 'node:fs/promises'
import {
  CustomerInput,
  type CustomerView,
  customerCodePreviewOut,
  customerFacts,
  customerJson,
  type FieldChange,
  type HistoryEntry,
  PreviewSample,
  previewCustomerCode,
} from '@kehu/app'
import { invalid, parseInput, text } from '@kehu/core'
import type { Command } from 'commander'
import type { z } from 'zod'
import { type Io, say } from '../../io.js'
import { parseJsonInput } from '../../json-input.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'

export const collect = (v: string, prev: string[]) => [...prev, v]

/** The customer list's filter flags (`customer list`, `export`): classes, regions … with their subtrees. */
export function filterOptions(cmd: Command, io: Io): Command {
  return cmd
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
}

/** The filter the flags of `filterOptions` give, as the list's input. */
export function filterOf(o: Record<string, unknown>) {
  return {
    ...(o.q ? { q: o.q as string } : {}),
    ...(o.type ? { type: o.type as string } : {}),
    ...(o.class ? { class: o.class as string } : {}),
    ...(o.region ? { region: o.region as string } : {}),
    ...(o.industry ? { industry: o.industry as string } : {}),
    ...((o.scheme as string[] | undefined)?.length ? { scheme: o.scheme as string[] } : {}),
    ...(o.status ? { status: o.status as string } : {}),
  }
}

export const FIELDS = Object.keys(CustomerInput.shape).filter((k) => k !== 'attributes' && k !== 'classes')

/** `KEY=VALUE` pairs into a record; an empty value means "clear" (null). */
export function pairs(list: string[], flag: string): Record<string, string | null> {
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
export function inputFrom(
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

export async function readJsonFile(path: string): Promise<Record<string, unknown>> {
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

export function printCustomer(io: Io, v: CustomerView & { codes?: { code: string; kind: string }[] }) {
  for (const f of customerFacts(customerJson(v), io.lang, v.codes)) io.out(`${f.label}: ${f.value}`)
}

export const show = (v: unknown) =>
  v === null || v === undefined ? '∅' : typeof v === 'object' ? JSON.stringify(v) : String(v)

/** Before → after, one indented line per changed field (a history entry, an audit log entry). */
export const printChanges = (io: Io, changes: FieldChange[]) => {
  for (const ch of changes) io.out(`    ${ch.field}: ${show(ch.before)} → ${show(ch.after)}`)
}

export function printHistory(io: Io, items: HistoryEntry[]) {
  for (const h of items) {
    io.out(`${h.at}  ${h.actor}  ${h.action}${h.note ? `  (${h.note})` : ''}`)
    printChanges(io, h.changes)
  }
}

/** The customer fields given on the command line, checked against `schema`; every problem at once. */
export const customerFields = <T>(schema: z.ZodType<T>, input: Record<string, unknown>): T =>
  parseInput(schema, input, 'CUSTOMER_INVALID', text('客户信息有误', 'The customer is not valid'))

/** `customer create --dry-run`: the rule a create would choose and the code it would issue now. */
export async function dryRun(cmd: Command, io: Io, input: Record<string, unknown>, asJson: boolean) {
  const draft = customerFields(PreviewSample, input)
  const r = await withRuntime(cmd, async (rt) => previewCustomerCode(rt.ctx((await tenantOf(cmd, rt)).code), draft))
  const view = customerCodePreviewOut(r, io.lang)
  if (asJson) return io.out(JSON.stringify(view, null, 2))
  io.out(say(io, `规则：${r.rule.name}（${r.rule.pattern}）`, `Rule: ${r.rule.name} (${r.rule.pattern})`))
  if (r.code) io.out(say(io, `将生成编码：${r.code}（未预留）`, `Next code: ${r.code} (not reserved)`))
  for (const m of view.missing) io.out(say(io, `还需要：${m.message}`, `Still needed: ${m.message}`))
  for (const i of view.issues) io.out(say(io, `问题：${i.message}`, `Problem: ${i.message}`))
  for (const w of view.warnings) io.out(say(io, `注意：${w.message}`, `Note: ${w.message}`))
  if (r.suggestion && !r.code)
    io.out(
      say(
        io,
        `可用的下一个编码：${r.suggestion}（加 --next-if-taken 则在编码被占用时改用它）`,
        `Next free code: ${r.suggestion} (add --next-if-taken to take it when the typed code is taken)`,
      ),
    )
}

export type Rt = Parameters<Parameters<typeof withRuntime>[1]>[0]
