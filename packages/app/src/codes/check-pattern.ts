import {
  assertCan,
  checkRule,
  type Issue,
  parseInput,
  printPattern,
  type RuleContext,
  scopeItemKey,
  serialCapacity,
  serialScope,
} from '@kehu/core'
import { z } from 'zod'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { PatternInput, readPattern } from './code-rule-input.js'
import { type CounterStart, counterStartsFor } from './counter-starts.js'
import { loadCodeContext, ruleContextOf } from './internal/rule-context.js'

export const CheckPatternInput = z.object({
  pattern: PatternInput,
  /** When editing a stored rule: its name, so that it is not compared with itself. */
  rule: z.string().max(100).optional(),
})
export type CheckPatternInput = z.infer<typeof CheckPatternInput>

export interface PatternCheck {
  accepted: boolean
  /** The canonical text form ('' when it does not parse). */
  pattern: string
  /** Every reason to refuse (empty when accepted). */
  issues: Issue[]
  /** The serial scope in force, e.g. ['type', 'date:yyyymm']; [] = one counter for the rule. */
  scope: string[]
  /** The largest serial the rule prints; null = unbounded (widen). */
  capacity: number | null
  /** 'structure': values unknown (no tenant); 'tenant': with the tenant's values, maps and other rules. */
  against: 'structure' | 'tenant'
  /**
   * With a tenant, for an accepted pattern: the counters that saving it would start past codes already
   * issued that it can print (the rest start at the rule's start, or go on where they are).
   */
  counters?: CounterStart[]
}

/** Checks a pattern with the engine: structure only, or with the tenant's context. Refusals are data. */
export function checkPatternWith(pattern: CheckPatternInput['pattern'], ctx: RuleContext | undefined): PatternCheck {
  const read = readPattern(pattern)
  const against = ctx ? 'tenant' : 'structure'
  if ('issues' in read) return { accepted: false, pattern: '', issues: read.issues, scope: [], capacity: null, against }
  const issues = checkRule(read.pattern, ctx ?? {})
  return {
    accepted: issues.length === 0,
    pattern: printPattern(read.pattern),
    issues,
    scope: serialScope(read.pattern).map(scopeItemKey),
    capacity: serialCapacity(read.pattern).max,
    against,
  }
}

/**
 * `kehu code check`: without a tenant, opens nothing and checks structure only (values unknown);
 * with one, adds its value sets, map tables, level schemes and every other active rule.
 */
export async function checkPattern(rc: RequestContext | undefined, input: CheckPatternInput): Promise<PatternCheck> {
  if (rc) assertCan(rc.actor, 'code-rule:read')
  const parsed = parseInput(CheckPatternInput, input, 'CODE_CHECK_INVALID')
  if (!rc) return checkPatternWith(parsed.pattern, undefined)
  return rc.deps.store.read(async (tx) => {
    const ctx = await loadCodeContext(tx, await resolveTenant(tx, rc.tenant))
    const self = parsed.rule ? ctx.rules.find((r) => r.name === parsed.rule || r.id === parsed.rule) : undefined
    const check = checkPatternWith(parsed.pattern, ruleContextOf(ctx, self?.id))
    const read = readPattern(parsed.pattern)
    if (!check.accepted || !('pattern' in read)) return check
    return { ...check, counters: await counterStartsFor(tx, ctx, self?.id ?? '', read.pattern) }
  })
}
