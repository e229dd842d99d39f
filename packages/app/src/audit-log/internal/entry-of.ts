import type { AccessEvent, Actor, AuditEvent } from '@kehu/core'
import { type FieldChange, historyEntryOf } from '../../customers/customer-history.js'
import type { AuditEntry } from '../search-audit-log.js'

type Rec = Record<string, unknown>
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v)
const isChange = (v: unknown): v is { before: unknown; after: unknown } => isRec(v) && 'before' in v && 'after' in v
// Internal identifiers and stamps say nothing to a reader.
const noise = (key: string) => key === 'id' || key.endsWith('Id') || key === 'createdAt' || key === 'updatedAt'
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)

const side = (rec: Rec, which: 'before' | 'after'): FieldChange[] =>
  Object.entries(rec)
    .filter(([k, v]) => !noise(k) && v !== null && v !== undefined)
    .map(([field, v]) => ({ field, before: which === 'before' ? v : null, after: which === 'after' ? v : null }))

/** A configuration event's payload as field changes: its `changes`, or before against after, plus its context. */
function configChanges(data: Rec): FieldChange[] {
  const { before, after, changes, ...context } = data
  const out: FieldChange[] = []
  if (isRec(changes))
    for (const [field, c] of Object.entries(changes))
      out.push(
        isChange(c) ? { field, before: c.before ?? null, after: c.after ?? null } : { field, before: null, after: c },
      )
  else if (isRec(before) && isRec(after)) {
    for (const field of new Set([...Object.keys(before), ...Object.keys(after)]))
      if (!noise(field) && JSON.stringify(before[field]) !== JSON.stringify(after[field]))
        out.push({ field, before: before[field] ?? null, after: after[field] ?? null })
  } else if (isRec(after)) out.push(...side(after, 'after'))
  else if (isRec(before)) out.push(...side(before, 'before'))
  else if (before !== undefined || after !== undefined)
    out.push({ field: 'value', before: before ?? null, after: after ?? null })
  for (const [field, v] of Object.entries(context))
    if (!noise(field) && field !== 'requestId' && v !== null && v !== undefined)
      out.push({ field, before: null, after: v })
  return out
}

function subjectOf(data: Rec): string | null {
  const before = isRec(data.before) ? data.before : {}
  const after = isRec(data.after) ? data.after : {}
  return (
    str(after.code) ??
    str(before.code) ??
    str(data.code) ??
    str(data.to) ??
    str(after.name) ??
    str(before.name) ??
    str(data.name) ??
    null
  )
}

/**
 * A tenant change as the caller may see it (a customer's sensitive values masked as in its history); `codes`
 * has today's code of the customers on the page, by id.
 */
export function changeEntryOf(e: AuditEvent, codes: ReadonlyMap<string, string>, actor: Actor): AuditEntry {
  const base = {
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    log: 'change' as const,
    entity: e.entity,
    address: null,
  }
  if (e.entity === 'customer') {
    const h = historyEntryOf(e, actor)
    return { ...base, subject: codes.get(e.entityId) ?? subjectOf(e.data), changes: h.changes, note: h.note ?? null }
  }
  return { ...base, subject: subjectOf(e.data), changes: configChanges(e.data), note: null }
}

// Identifiers the reader cannot use, and the request id (kept in the log for tracing).
const HIDDEN_ACCESS_KEYS = new Set(['requestId', 'sessionId', 'tokenId', 'changed', 'name', 'role', 'tenant'])

/** A sign-in or access event as a line of the page. */
export function accessEntryOf(e: AccessEvent): AuditEntry {
  const [noun = ''] = e.action.split('.')
  const entity = noun === 'sign-in' || noun === 'sign-out' ? 'user' : noun
  const d = e.data
  const changes: FieldChange[] = []
  if (isRec(d.changed))
    for (const [field, c] of Object.entries(d.changed))
      if (isChange(c)) changes.push({ field, before: c.before ?? null, after: c.after ?? null })
  if (entity === 'role' || entity === 'member') {
    if (str(d.role) && e.login) changes.push({ field: 'role', before: null, after: d.role })
    if (str(d.name)) changes.push({ field: 'name', before: null, after: d.name })
  }
  for (const [field, v] of Object.entries(d))
    if (!HIDDEN_ACCESS_KEYS.has(field) && v !== null && v !== undefined && v !== false)
      changes.push({ field, before: null, after: v })
  // a role's own change names the role; a grant names the user it was granted to
  const subject = entity === 'token' ? str(d.name) : (e.login ?? str(d.role))
  return {
    id: e.id,
    at: e.at,
    actor: e.actor,
    action: e.action,
    log: 'access',
    entity,
    subject: subject ?? null,
    changes,
    note: null,
    address: e.address,
  }
}
