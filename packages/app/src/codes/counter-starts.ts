import {
  type Actor,
  type CodeCounter,
  type CodePattern,
  type CodeRule,
  EVERY_CUSTOMER,
  type RecordValues,
  renderCode,
  scopeKey,
  serialSegments,
  type Tx,
} from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { Deps } from '../deps.js'
import { ruleReader } from './audit-codes.js'
import { type TenantCodeContext, valueSets } from './internal/rule-context.js'

/** A registered code that a pattern can print: its serial, its counter's scope key and the values it came from. */
export interface PrintableCode<C> {
  entry: C
  serial: number
  scopeKey: string
  values: RecordValues
}

/** Every code of the registry that the pattern could print, with the counter it belongs to (exact re-render only). */
export function printableCodes<C extends { code: string }>(
  ctx: TenantCodeContext,
  p: CodePattern,
  all: C[],
  values: ReturnType<typeof valueSets>,
): PrintableCode<C>[] {
  const reader = ruleReader(p, ctx.maps, values)
  const out: PrintableCode<C>[] = []
  for (const entry of all) {
    const parsed = reader.parse(entry.code)
    const rv = parsed && reader.valuesOf(entry.code, parsed.prefixValues, parsed.serial)
    if (!parsed || !rv) continue
    try {
      out.push({ entry, serial: parsed.serial, scopeKey: scopeKey(p, rv, ctx.maps), values: rv })
    } catch {
      // values the scope cannot read: not a code of this pattern's counters
    }
  }
  return out
}

/** Where one counter of a rule starts after a change of pattern or scope. */
export interface CounterStart {
  /** The canonical scope key ('' = one counter for the rule). */
  scopeKey: string
  /** The counter's next serial today; null when this counter does not exist yet. */
  from: number | null
  /** Its next serial after the change: past the highest code already issued that the pattern can print. */
  startsAt: number
  /** The highest issued code it starts past. */
  past: string
  /** The first code it will issue (for the values of `past`). */
  firstCode: string | null
}

/**
 * The counters a pattern (new or changed) must start past the codes already in the registry that it can
 * print, so that the first create after a rule change does not run into them (ADR 0024).
 * Only counters that must move are listed.
 */
export function planCounterStarts(
  ctx: TenantCodeContext,
  ruleId: string,
  p: CodePattern,
  all: { code: string }[],
  counters: CodeCounter[],
  values: ReturnType<typeof valueSets>,
): CounterStart[] {
  const serialSeg = serialSegments(p)[0]
  if (!serialSeg) return []
  const highest = new Map<string, PrintableCode<{ code: string }>>()
  for (const c of printableCodes(ctx, p, all, values)) {
    const prev = highest.get(c.scopeKey)
    if (!prev || c.serial > prev.serial) highest.set(c.scopeKey, c)
  }
  const out: CounterStart[] = []
  for (const [sk, c] of highest) {
    const counter = counters.find((x) => x.ruleId === ruleId && x.scopeKey === sk)
    const next = counter?.nextValue ?? serialSeg.start
    if (c.serial < next) continue
    const startsAt = c.serial + serialSeg.step
    let firstCode: string | null = null
    try {
      firstCode = renderCode(p, c.values, ctx.maps, startsAt)
    } catch {
      // past the serial's capacity: the counter is full
    }
    out.push({ scopeKey: sk, from: counter?.nextValue ?? null, startsAt, past: c.entry.code, firstCode })
  }
  return out.sort((a, b) => (a.scopeKey < b.scopeKey ? -1 : a.scopeKey > b.scopeKey ? 1 : 0))
}

/** planCounterStarts over the tenant's registry and counters, read in the caller's transaction. */
export async function counterStartsFor(
  tx: Tx,
  ctx: TenantCodeContext,
  ruleId: string,
  p: CodePattern,
): Promise<CounterStart[]> {
  const [all, counters] = await Promise.all([
    tx.codes.listAll(ctx.tenant.id, EVERY_CUSTOMER),
    tx.counters.list(ctx.tenant.id),
  ])
  return planCounterStarts(ctx, ruleId, p, all, counters, valueSets(ctx))
}

/** Moves a saved rule's counters past the codes it can print, each move audited as `codeCounter.raised`. */
export async function startCountersPastIssued(
  deps: Deps,
  actor: Actor,
  tx: Tx,
  ctx: TenantCodeContext,
  rule: CodeRule,
  p: CodePattern,
): Promise<CounterStart[]> {
  const starts = await counterStartsFor(tx, ctx, rule.id, p)
  const now = deps.clock.now().toISOString()
  const step = serialSegments(p)[0]?.step ?? 1
  for (const s of starts) {
    await tx.counters.raisePast(ctx.tenant.id, rule.id, s.scopeKey, s.startsAt - step, step, now)
    await tx.audit.append(
      auditEvent(deps, actor, ctx.tenant.id, 'codeCounter.raised', 'codeRule', rule.id, {
        scopeKey: s.scopeKey,
        from: s.from,
        to: s.startsAt,
        because: s.past,
      }),
    )
  }
  return starts
}
