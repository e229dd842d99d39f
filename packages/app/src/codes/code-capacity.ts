import { assertCan, serialCapacity, serialSegments } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { storedPattern } from './rule-context.js'

export interface CounterCapacity {
  rule: string
  pattern: string
  /** The serial scope key ('' = one counter for the rule). */
  scopeKey: string
  /** Codes issued from this counter. */
  used: number
  /** The next serial it hands out. */
  next: number
  /** The largest serial the rule prints; null = unbounded (overflow:widen). */
  max: number | null
  /** Serials left; null = unbounded. */
  remaining: number | null
  /** Share of the counter's serials still free, 0–1; null = unbounded. */
  remainingShare: number | null
  /** Registry clashes skipped (重号时自动重取). */
  retries: number
  /** Codes per day over the last 30 days. */
  ratePerDay: number
  /** Days until exhausted at that rate; null = never (no use, or unbounded). */
  daysLeft: number | null
  level: 'ok' | 'warn' | 'full'
}

export const CAPACITY_WINDOW_DAYS = 30

/**
 * Capacity per counter (docs/decisions/0014-design-brief.md, A.6): used and remaining serials, the recent creation
 * rate and when the counter runs out; `warn` when under 10 % remains or it runs out within 90 days.
 */
export async function codeCapacity({ deps, actor, tenant: tenantCode }: RequestContext): Promise<CounterCapacity[]> {
  assertCan(actor, 'code-rule:read')
  const now = deps.clock.now()
  const since = new Date(now.getTime() - CAPACITY_WINDOW_DAYS * 86_400_000).toISOString()
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const rules = new Map((await tx.codeRules.list(tenant.id)).map((r) => [r.id, r]))
    const recent = new Map(
      (await tx.counters.issuedSince(tenant.id, since)).map((r) => [`${r.ruleId}\u0000${r.scopeKey}`, r.n]),
    )
    const out: CounterCapacity[] = []
    for (const c of await tx.counters.list(tenant.id)) {
      const rule = rules.get(c.ruleId)
      const p = rule && storedPattern(rule)
      if (!rule || !p) continue
      const s = serialSegments(p)[0]
      const step = Math.max(1, s?.step ?? 1)
      const start = s?.start ?? 1
      const max = serialCapacity(p).max
      const remaining = max === null ? null : c.nextValue > max ? 0 : Math.floor((max - c.nextValue) / step) + 1
      const total = max === null ? null : Math.max(1, Math.floor((max - start) / step) + 1)
      const ratePerDay = (recent.get(`${c.ruleId}\u0000${c.scopeKey}`) ?? 0) / CAPACITY_WINDOW_DAYS
      const daysLeft = remaining === null || ratePerDay === 0 ? null : remaining / ratePerDay
      const remainingShare = remaining === null || total === null ? null : remaining / total
      const level =
        remaining === 0
          ? 'full'
          : (remainingShare !== null && remainingShare < 0.1) || (daysLeft !== null && daysLeft < 90)
            ? 'warn'
            : 'ok'
      out.push({
        rule: rule.name,
        pattern: rule.pattern,
        scopeKey: c.scopeKey,
        used: c.issued,
        next: c.nextValue,
        max,
        remaining,
        remainingShare,
        retries: c.retries,
        ratePerDay: Math.round(ratePerDay * 100) / 100,
        daysLeft: daysLeft === null ? null : Math.floor(daysLeft),
        level,
      })
    }
    return out
  })
}
