import {
  type Actor,
  type AuditEvent,
  assertCan,
  BUILTIN_SCHEMES,
  type CustomerAuditEvent,
  parseAuditEvent,
  visibilityOf,
} from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { changeShownTo } from './customer-view.js'
import { loadCustomer } from './internal/load-customer.js'

/** One field of one change: before → after, as shown (codes, logins, yuan). */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
  /** Set when the values are masked for this caller (a sensitive field, without `customer:sensitive`). */
  masked?: true
}

/** One event of a customer's history (履历), oldest first. */
export interface HistoryEntry {
  id: string
  at: string
  actor: string
  /** `customer.created`, `customer.updated`, `customer.archived`, `customer.recoded` … */
  action: string
  changes: FieldChange[]
  /** Extra context: the rule that issued a code, how a class was assigned. */
  note?: string
}

const schemeKey = (code: string) => (BUILTIN_SCHEMES.includes(code as 'type') ? code : `classes.${code}`)
const changesOf = (changes: Record<string, { before: unknown; after: unknown }>): FieldChange[] =>
  Object.entries(changes).map(([field, c]) => ({ field, before: c.before ?? null, after: c.after ?? null }))
const filled = (view: Record<string, unknown>, side: 'before' | 'after'): FieldChange[] =>
  Object.entries(view)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([field, v]) => ({ field, before: side === 'before' ? v : null, after: side === 'after' ? v : null }))

/** One customer event as this caller may see it: before → after pairs, sensitive values masked. */
export function historyEntryOf(event: AuditEvent, actor: Actor): HistoryEntry {
  const entry = storedEntryOf(event)
  return { ...entry, changes: entry.changes.map((c) => ({ field: c.field, ...changeShownTo(actor, c.field, c) })) }
}

// As recorded: an exhaustive switch over the customer event kinds.
function storedEntryOf(event: AuditEvent): HistoryEntry {
  const base = { id: event.id, at: event.at, actor: event.actor, action: event.action }
  const e = parseAuditEvent(event)
  if (!e?.action.startsWith('customer.')) return { ...base, changes: [] }
  const c = e as CustomerAuditEvent
  switch (c.action) {
    case 'customer.created': {
      const r = c.data.codeReplaced
      return {
        ...base,
        changes: filled(c.data.after, 'after'),
        note: r ? `${c.data.rule} (${r.requested} → ${r.issued})` : c.data.rule,
      }
    }
    case 'customer.updated':
    case 'customer.disabled':
    case 'customer.enabled':
    case 'customer.archived':
    case 'customer.restored':
      return { ...base, changes: changesOf(c.data.changes) }
    case 'customer.recoded':
      return { ...base, changes: [{ field: 'code', before: c.data.from, after: c.data.to }], note: c.data.rule }
    case 'customer.reclassified':
      return {
        ...base,
        changes: [{ field: schemeKey(c.data.scheme), before: c.data.before, after: c.data.after }],
        note: c.data.via,
      }
    case 'customer.deleted':
      return { ...base, changes: filled(c.data.before, 'before') }
    default: {
      const unhandled: never = c
      return unhandled
    }
  }
}

/** Every recorded change of a customer (who, when, before → after per field), oldest first. */
export async function customerHistory(
  { deps, actor, tenant: tenantCode }: RequestContext,
  idOrCode: string,
): Promise<HistoryEntry[]> {
  assertCan(actor, 'customer:read')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const { customer } = await loadCustomer(tx, tenant.id, visibilityOf(actor), idOrCode)
    return (await tx.audit.listFor(tenant.id, 'customer', customer.id)).map((e) => historyEntryOf(e, actor))
  })
}
