import {
  AppError,
  type AttributeDef,
  assertCan,
  type ClassNode,
  type ClassScheme,
  serialCapacity,
  serialSegments,
  type Text,
  text,
  visibilityOf,
} from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { storedPattern } from './internal/rule-context.js'

export interface CounterCapacity {
  rule: string
  pattern: string
  /** The serial scope key ('' = one counter for the rule). */
  scopeKey: string
  /** The same in words, e.g. 客户类型=零售 · 地区=北京 · 2026-07-02; the whole rule for one counter. */
  scope: Text
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

const unescapeScope = (s: string) => s.replace(/\\(.)/g, '$1')

/** A printed date of the scope as a clerk writes it: 20260702 → 2026-07-02, 202607 → 2026-07. */
function dateWords(v: string): string {
  if (/^\d{8}$/.test(v)) return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}`
  if (/^\d{6}$/.test(v)) return `${v.slice(0, 4)}-${v.slice(4)}`
  return v
}

// Short names, as a clerk says them in one line; a date comes last.
const SCOPE_LABELS: Record<string, Text> = {
  type: text('类型', 'Type'),
  class: text('分类', 'Class'),
  region: text('地区', 'Region'),
  industry: text('行业', 'Industry'),
}
const scopeOrder = (piece: string) => {
  const field = piece.split(/[:=]/)[0] ?? ''
  const i = ['type', 'class', 'region', 'industry', 'attr'].indexOf(field)
  return i < 0 ? (field === 'date' ? 9 : 5) : i
}

/** A counter's scope key (`date:yyyymmdd=20260702;type=RT`) in words: each part by its field's name and the value's. */
/** The tenant's schemes with their nodes, to name a scope's values. */
interface SchemeNodes {
  schemes: ClassScheme[]
  nodesByScheme: Map<string, ClassNode[]>
}

function scopeWords(key: string, index: SchemeNodes, attrs: AttributeDef[]): Text {
  if (key === '') return text('整条规则一个计数器', 'One counter for the whole rule')
  const pieces = key.split(/(?<!\\);/).sort((a, b) => scopeOrder(a) - scopeOrder(b))
  const parts = pieces.map((part): Text => {
    const at = part.search(/(?<!\\)=/)
    const k = unescapeScope(part.slice(0, at))
    const v = unescapeScope(part.slice(at + 1))
    const [field = '', sub] = k.split(':')
    if (field === 'date') return text(dateWords(v), dateWords(v))
    if (field === 'attr') {
      const def = attrs.find((a) => a.code === sub)
      const label = def?.options.find((o) => o.code === v)?.label ?? v
      return text(`${def?.name ?? sub}=${label}`, `${def?.name ?? sub}=${label}`)
    }
    const scheme = index.schemes.find((s) => s.code === field)
    const node = scheme ? index.nodesByScheme.get(scheme.id)?.find((n) => n.code === v) : undefined
    const name = SCOPE_LABELS[field] ?? (scheme ? text(scheme.name, scheme.name) : text(field, field))
    const value = node?.name ?? v
    return text(`${name.zh}=${value}`, `${name.en}=${value}`)
  })
  return text(parts.map((p) => p.zh).join(' · '), parts.map((p) => p.en).join(' · '))
}

/**
 * Capacity per counter (docs/decisions/0014-design-brief.md, A.6): used and remaining serials, the recent creation
 * rate and when the counter runs out; `warn` when under 10 % remains or it runs out within 90 days.
 */
export async function codeCapacity({ deps, actor, tenant: tenantCode }: RequestContext): Promise<CounterCapacity[]> {
  assertCan(actor, 'code-rule:read')
  // A counter's use counts every customer it coded, hidden ones too; there is no share of it a scoped member may see.
  if (visibilityOf(actor).kind !== 'all')
    throw new AppError(
      'forbidden',
      'CODE_CAPACITY_SCOPED',
      text(
        '计数器用量包括您数据权限以外的客户，仅对可见全部客户的成员显示',
        'Counter use includes customers outside your data scope; it is shown only to members who see every customer',
      ),
    )
  const now = deps.clock.now()
  const since = new Date(now.getTime() - CAPACITY_WINDOW_DAYS * 86_400_000).toISOString()
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const rules = new Map((await tx.codeRules.list(tenant.id)).map((r) => [r.id, r]))
    const recent = new Map(
      (await tx.counters.issuedSince(tenant.id, since)).map((r) => [`${r.ruleId}\u0000${r.scopeKey}`, r.n]),
    )
    const schemes = await tx.schemes.list(tenant.id)
    const index: SchemeNodes = { schemes, nodesByScheme: new Map() }
    for (const sc of schemes) index.nodesByScheme.set(sc.id, await tx.nodes.listByScheme(tenant.id, sc.id))
    const attrs = await tx.attributes.list(tenant.id)
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
        scope: scopeWords(c.scopeKey, index, attrs),
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
