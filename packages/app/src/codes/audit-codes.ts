import {
  assertCan,
  type CodeParser,
  type CodePattern,
  type CodeRule,
  codeFormatProblem,
  codeParser,
  type FieldValue,
  formatCodeDate,
  isoWeek,
  judgeTypedCode,
  type MapTable,
  normalizeCode,
  printCodeField,
  type RecordValues,
  renderCode,
  scopeKey,
  serialSegments,
  type Text,
  type Tx,
  text,
  type Visibility,
  visibilityOf,
} from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { loadCodeContext, storedPattern, type TenantCodeContext, valueSets } from './internal/rule-context.js'

export type CodeFindingKind = 'duplicate' | 'malformed' | 'off-rule' | 'counter-behind'

export interface CodeFinding {
  kind: CodeFindingKind
  code: string
  customerId: string
  customerName: string
  /** The rule the finding is about (off-rule: the customer's rule; counter-behind: the rule that could issue it). */
  rule?: string
  /** Duplicates: every code of the group with its customer. */
  group?: { code: string; customerId: string; customerName: string; kind: 'live' | 'alias' }[]
  /** Counter-behind: the counter and where it has to move. */
  counter?: { scopeKey: string; next: number; serial: number }
  reason: Text
  fix: Text
  /** With `fix: true`: whether this finding was fixed (only counters are ever moved). */
  fixed?: boolean
}

export interface CodeAuditReport {
  checked: number
  findings: CodeFinding[]
  counts: Record<CodeFindingKind, number>
  fixed: number
}

const SHAPE = /^[^\s\p{C}]+$/u

/** A representative date that prints as the code's date pieces (any such date has the same scope). */
function dateOf(p: CodePattern, printed: Map<number, string>): string | null {
  let y: number | undefined
  let m: number | undefined
  let d: number | undefined
  let week: { y: number; w: number } | undefined
  p.segments.forEach((s, i) => {
    if (s.kind !== 'date') return
    const v = printed.get(i) ?? ''
    if (s.format === 'yyyy') y = Number(v)
    else if (s.format === 'yy') y ??= 2000 + Number(v)
    else if (s.format === 'mm') m = Number(v)
    else if (s.format === 'dd') d = Number(v)
    else if (s.format === 'yyyymm') [y, m] = [Number(v.slice(0, 4)), Number(v.slice(4))]
    else if (s.format === 'yyyymmdd') [y, m, d] = [Number(v.slice(0, 4)), Number(v.slice(4, 6)), Number(v.slice(6))]
    else if (s.format === 'yyww') week = { y: 2000 + Number(v.slice(0, 2)), w: Number(v.slice(2)) }
  })
  const pad = (n: number, w: number) => String(n).padStart(w, '0')
  if (week && y === undefined && m === undefined && d === undefined) {
    // Monday of ISO week w: Jan 4th is always in week 1.
    const jan4 = new Date(Date.UTC(week.y, 0, 4))
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (week.w - 1) * 7 * 86_400_000)
    const iso = monday.toISOString().slice(0, 10)
    const back = isoWeek(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate())
    return back.week === week.w ? iso : null
  }
  return `${pad(y ?? 2000, 4)}-${pad(m ?? 1, 2)}-${pad(d ?? 1, 2)}`
}

/** Reads the codes of one rule: its shape, and the customer values a rule-shaped code was printed from. */
export interface RuleReader {
  parse: CodeParser
  valuesOf(code: string, prefix: string[], serial: number): RecordValues | null
}

/**
 * Built once per rule for a whole audit: the parser's expression and, per field, which of the tenant's
 * values prints which text (the first one, as a search in the value list would find).
 */
export function ruleReader(p: CodePattern, maps: MapTable[], values: ReturnType<typeof valueSets>): RuleReader {
  const printedBy = new Map<number, Map<string, FieldValue>>()
  p.segments.forEach((s, i) => {
    if (s.kind !== 'field') return
    const known = values(
      s.ref.source === 'attr' ? { source: 'attr', attr: s.ref.attr ?? '' } : { source: s.ref.source },
    )
    if (!known) return
    const byText = new Map<string, FieldValue>()
    for (const fv of known) {
      const r = printCodeField(s, fv, maps)
      if (r.ok && !byText.has(r.value)) byText.set(r.value, fv)
    }
    printedBy.set(i, byText)
  })
  return {
    parse: codeParser(p, maps, values),
    // Each printed field is matched to a value of the tenant that prints it. Verified by re-rendering, so a
    // wrong guess gives null rather than a wrong scope.
    valuesOf(code, prefix, serial) {
      const printed = new Map<number, string>()
      let k = 0
      p.segments.forEach((s, i) => {
        if (s.kind === 'date' || s.kind === 'field') printed.set(i, prefix[k++] ?? '')
      })
      const fields: Record<string, FieldValue> = {}
      for (const [i, v] of printed) {
        const s = p.segments[i]
        if (s?.kind !== 'field') continue
        const key = s.ref.source === 'attr' ? `attr:${s.ref.attr}` : s.ref.source
        const byText = printedBy.get(i)
        const hit = byText ? byText.get(v) : { code: v, path: [v] }
        if (!hit) return null
        fields[key] = hit
      }
      const date = dateOf(p, printed)
      if (date === null) return null
      const rv: RecordValues = { date, fields }
      try {
        if (p.segments.some((s) => s.kind === 'date')) formatCodeDate(date, 'yyyy')
        return renderCode(p, rv, maps, serial) === normalizeCode(code) ? rv : null
      } catch {
        return null
      }
    },
  }
}

/**
 * 定期检查编码的唯一性: every code of the tenant that is duplicated (equal after normalisation, live or
 * alias), malformed, off its customer's rule, or ahead of the counter of a rule that could issue it,
 * each with a fix. Codes are never rewritten; with `fix` only such counters move past the codes, audited.
 */
export async function auditCodes(ctx: RequestContext, options: { fix?: boolean } = {}): Promise<CodeAuditReport> {
  const { deps, actor, tenant: tenantCode } = ctx
  assertCan(actor, 'code:audit')
  if (!options.fix) return deps.store.read((tx) => findCodeProblems(tx, tenantCode, visibilityOf(actor)))
  return deps.store.transaction(async (tx) =>
    raiseCountersBehind(ctx, tx, await findCodeProblems(tx, tenantCode, visibilityOf(actor))),
  )
}

/**
 * The fix of a report taken earlier, e.g. on one of the server's read workers (ADR 0022): counters only ever
 * move forward, past the highest serial found, so a report a moment older than the counters is still safe.
 */
export async function fixCodeAuditInTx(ctx: RequestContext, tx: Tx, report: CodeAuditReport): Promise<CodeAuditReport> {
  assertCan(ctx.actor, 'code:audit')
  return raiseCountersBehind(ctx, tx, report)
}

/** The problems among the codes of the customers the caller may see. */
async function findCodeProblems(tx: Tx, tenantCode: string, visible: Visibility): Promise<CodeAuditReport> {
  const tenant = await resolveTenant(tx, tenantCode)
  const ctx = await loadCodeContext(tx, tenant)
  const all = await tx.codes.listAll(tenant.id, visible)
  const findings: CodeFinding[] = []
  findings.push(...duplicates(all))
  const live = all.filter((c) => c.kind === 'live')
  for (const c of live) {
    const m = malformed(c.code)
    if (m)
      findings.push({ kind: 'malformed', code: c.code, customerId: c.customerId, customerName: c.customerName, ...m })
  }
  findings.push(...offRule(ctx, live))
  findings.push(...(await countersBehind(tx, ctx, all)))
  const counts: Record<CodeFindingKind, number> = { duplicate: 0, malformed: 0, 'off-rule': 0, 'counter-behind': 0 }
  for (const f of findings) counts[f.kind]++
  return { checked: all.length, findings, counts, fixed: 0 }
}

async function raiseCountersBehind(
  { deps, actor, tenant: tenantCode }: RequestContext,
  tx: Tx,
  report: CodeAuditReport,
): Promise<CodeAuditReport> {
  const behind = report.findings.filter((f) => f.kind === 'counter-behind')
  if (behind.length === 0) return report
  const tenant = await resolveTenant(tx, tenantCode)
  const rules = await tx.codeRules.list(tenant.id)
  const now = deps.clock.now().toISOString()
  // One move per counter: past the highest serial found for it.
  const highest = new Map<string, CodeFinding>()
  for (const f of behind) {
    const key = `${f.rule}\u0000${f.counter?.scopeKey}`
    const prev = highest.get(key)
    if (!prev || (f.counter?.serial ?? 0) > (prev.counter?.serial ?? 0)) highest.set(key, f)
  }
  for (const f of highest.values()) {
    const rule = rules.find((r) => r.name === f.rule)
    const p = rule && storedPattern(rule)
    if (!rule || !p) continue // deleted since the report was taken: nothing left to raise
    const step = serialSegments(p)[0]?.step ?? 1
    const counter = f.counter as NonNullable<CodeFinding['counter']>
    await tx.counters.raisePast(tenant.id, rule.id, counter.scopeKey, counter.serial, step, now)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'codeCounter.raised', 'codeRule', rule.id, {
        scopeKey: counter.scopeKey,
        from: counter.next,
        to: counter.serial + step,
        because: f.code,
      }),
    )
  }
  return {
    ...report,
    findings: report.findings.map((f) => (f.kind === 'counter-behind' ? { ...f, fixed: true } : f)),
    fixed: behind.length,
  }
}

function duplicates(all: Awaited<ReturnType<Tx['codes']['listAll']>>[number][]): CodeFinding[] {
  const groups = new Map<string, typeof all>()
  for (const c of all) {
    const k = normalizeCode(c.code)
    groups.set(k, [...(groups.get(k) ?? []), c])
  }
  const out: CodeFinding[] = []
  for (const [norm, g] of groups) {
    if (g.length < 2) continue
    const first = g.find((c) => c.kind === 'live') ?? (g[0] as (typeof g)[number])
    const shown = g.map((c) => `${c.code}（${c.customerName}${c.kind === 'alias' ? '，旧编码' : ''}）`).join('、')
    const shownEn = g.map((c) => `${c.code} (${c.customerName}${c.kind === 'alias' ? ', old code' : ''})`).join(', ')
    out.push({
      kind: 'duplicate',
      code: first.code,
      customerId: first.customerId,
      customerName: first.customerName,
      group: g.map((c) => ({ code: c.code, customerId: c.customerId, customerName: c.customerName, kind: c.kind })),
      reason: text(`规范化后相同的编码 ${norm}：${shown}`, `Codes equal after normalisation to ${norm}: ${shownEn}`),
      fix: text(
        '保留一个，其余客户重新编码（kehu code recode 或 POST /customers/{id}/recode），旧编码会保留为别名',
        'Keep one and re-code the other customers (kehu code recode or POST /customers/{id}/recode); old codes stay as aliases',
      ),
    })
  }
  return out
}

function malformed(code: string): { reason: Text; fix: Text } | null {
  const norm = normalizeCode(code)
  const fix = text(
    `重新编码为规范写法 ${norm || '（由规则生成）'}；旧编码保留为别名`,
    `Re-code to the normalised form ${norm || '(from the rule)'}; the old code stays as an alias`,
  )
  if (norm === '') return { reason: text('编码为空', 'The code is empty'), fix }
  const recode = text(
    '重新编码（由规则生成）；旧编码保留为别名',
    'Re-code it (from the rule); the old code stays as an alias',
  )
  if (!SHAPE.test(norm))
    return {
      reason: text(`编码“${code}”含空白或控制字符`, `The code "${code}" contains white space or control characters`),
      fix: recode,
    }
  // The same format a typed code and a generated code obey.
  const format = codeFormatProblem(norm)
  if (format) return { reason: format, fix: recode }
  if (norm !== code)
    return {
      reason: text(
        `编码“${code}”不是规范写法（全角、小写或首尾空格），规范写法为 ${norm}`,
        `The code "${code}" is not normalised (full-width, lower case or surrounding spaces); normalised it is ${norm}`,
      ),
      fix,
    }
  return null
}

function offRule(
  ctx: TenantCodeContext,
  live: {
    code: string
    customerId: string
    customerName: string
    ruleId: string | null
    customerRuleId: string | null
  }[],
): CodeFinding[] {
  const values = valueSets(ctx)
  const defaultRule = ctx.rules.find((r) => r.isDefault)
  const parsers = new Map<string, CodeParser>()
  const parserOf = (rule: CodeRule, p: CodePattern) => {
    const parse = parsers.get(rule.id) ?? codeParser(p, ctx.maps, values)
    parsers.set(rule.id, parse)
    return parse
  }
  const out: CodeFinding[] = []
  for (const c of live) {
    const ruleId = c.customerRuleId ?? c.ruleId ?? defaultRule?.id
    const rule = ctx.rules.find((r) => r.id === ruleId)
    const p = rule && storedPattern(rule)
    if (!rule || !p) continue
    if (parserOf(rule, p)(c.code)) continue
    // The reason a typed code gets at create (a wrong check character, or off the rule); the format itself is
    // reported as malformed.
    const verdict = judgeTypedCode({ name: rule.name, pattern: p }, c.code, ctx.maps, undefined, values)
    out.push({
      kind: 'off-rule',
      code: c.code,
      customerId: c.customerId,
      customerName: c.customerName,
      rule: rule.name,
      reason:
        verdict.kind === 'check' || verdict.kind === 'off-rule'
          ? verdict.reason
          : text(
              `编码 ${c.code} 不符合规则“${rule.name}”（${rule.pattern}）`,
              `The code ${c.code} does not fit the rule "${rule.name}" (${rule.pattern})`,
            ),
      fix: text(
        '遗留编码保持不变（唯一即可使用）；如需统一，可重新编码，旧编码保留为别名',
        'A unique legacy code is kept as it is; to make it fit, re-code it and the old code stays as an alias',
      ),
    })
  }
  return out
}

async function countersBehind(
  tx: Tx,
  ctx: TenantCodeContext,
  all: { code: string; customerId: string; customerName: string; kind: string }[],
): Promise<CodeFinding[]> {
  const values = valueSets(ctx)
  const out: CodeFinding[] = []
  const counters = new Map((await tx.counters.list(ctx.tenant.id)).map((c) => [`${c.ruleId}\u0000${c.scopeKey}`, c]))
  for (const rule of ctx.rules) {
    if (!rule.enabled) continue
    const p = storedPattern(rule)
    const serialSeg = p && serialSegments(p)[0]
    if (!p || !serialSeg) continue
    const reader = ruleReader(p, ctx.maps, values)
    for (const c of all) {
      const parsed = reader.parse(c.code)
      if (!parsed) continue
      const rv = reader.valuesOf(c.code, parsed.prefixValues, parsed.serial)
      if (!rv) continue
      let sk: string
      try {
        sk = scopeKey(p, rv, ctx.maps)
      } catch {
        continue
      }
      const next = counters.get(`${rule.id}\u0000${sk}`)?.nextValue ?? serialSeg.start
      if (parsed.serial < next) continue
      out.push({
        kind: 'counter-behind',
        code: c.code,
        customerId: c.customerId,
        customerName: c.customerName,
        rule: rule.name,
        counter: { scopeKey: sk, next, serial: parsed.serial },
        reason: text(
          `编码 ${c.code} 符合规则“${rule.name}”的格式，流水号 ${parsed.serial} 不小于计数器的下一个值 ${next}：规则迟早会再发出它`,
          `The code ${c.code} has the shape of rule "${rule.name}" and its serial ${parsed.serial} is not below the counter's next value ${next}: the rule would issue it again`,
        ),
        fix: text(
          `计数器将移过 ${parsed.serial}（运行 kehu code audit --fix）`,
          `The counter will be moved past ${parsed.serial} (run kehu code audit --fix)`,
        ),
      })
    }
  }
  return out
}
