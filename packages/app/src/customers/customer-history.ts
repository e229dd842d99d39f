import { type AuditEvent, assertCan, BUILTIN_SCHEMES, type Customer, formatCents, visibilityOf } from '@kehu/core'
import { type ClassIndex, loadClassIndex } from '../classification/class-index.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { loadCustomer } from './load-customer.js'

/** One field of one change: before → after, as shown (codes, logins, yuan). */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
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

const HIDDEN = new Set(['id', 'tenantId', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'codeRuleId'])
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const schemeKey = (code: string) => (BUILTIN_SCHEMES.includes(code as 'type') ? code : `classes.${code}`)

/** The fields of a created customer (stored form) as readable values. */
function createdFields(after: Partial<Customer>, index: ClassIndex): FieldChange[] {
  const out: FieldChange[] = []
  for (const [k, v] of Object.entries(after)) {
    if (HIDDEN.has(k) || v === null || v === undefined || k === 'classes' || k === 'attributes') continue
    if (k === 'creditLimitCents') out.push({ field: 'creditLimit', before: null, after: formatCents(v as number) })
    else if (k === 'accountManagerId' || k === 'headOfficeId') continue
    else out.push({ field: k, before: null, after: v })
  }
  for (const [schemeId, nodeId] of Object.entries(after.classes ?? {})) {
    const scheme = index.schemeById.get(schemeId)
    const node = index.nodeById.get(nodeId)
    if (scheme) out.push({ field: schemeKey(scheme.code), before: null, after: node?.code ?? nodeId })
  }
  for (const [code, v] of Object.entries(after.attributes ?? {}))
    out.push({ field: `attributes.${code}`, before: null, after: v })
  return out
}

/** Turns one stored audit event into before → after pairs, whatever use case wrote it. */
export function historyEntryOf(e: AuditEvent, index: ClassIndex): HistoryEntry {
  const d = e.data
  const base = { id: e.id, at: e.at, actor: e.actor, action: e.action }
  if (isRecord(d.changes))
    return {
      ...base,
      changes: Object.entries(d.changes).map(([field, c]) => ({
        field,
        before: isRecord(c) ? (c.before ?? null) : null,
        after: isRecord(c) ? (c.after ?? null) : null,
      })),
    }
  if (e.action === 'customer.created' && isRecord(d.after)) {
    const replaced = isRecord(d.codeReplaced)
      ? ` (${String(d.codeReplaced.requested)} → ${String(d.codeReplaced.issued)})`
      : ''
    return {
      ...base,
      changes: createdFields(d.after as Partial<Customer>, index),
      ...(d.rule ? { note: `${String(d.rule)}${replaced}` } : {}),
    }
  }
  if (e.action === 'customer.recoded')
    return {
      ...base,
      changes: [{ field: 'code', before: d.from ?? null, after: d.to ?? null }],
      ...(d.rule ? { note: String(d.rule) } : {}),
    }
  if (typeof d.scheme === 'string' && ('before' in d || 'after' in d))
    return {
      ...base,
      changes: [{ field: schemeKey(d.scheme), before: d.before ?? null, after: d.after ?? null }],
      ...(d.via ? { note: String(d.via) } : {}),
    }
  if (isRecord(d.before) && isRecord(d.after)) {
    const keys = new Set([...Object.keys(d.before), ...Object.keys(d.after)])
    const changes: FieldChange[] = []
    for (const k of keys) {
      if (HIDDEN.has(k)) continue
      const b = (d.before as Record<string, unknown>)[k] ?? null
      const a = (d.after as Record<string, unknown>)[k] ?? null
      if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field: k, before: b, after: a })
    }
    return { ...base, changes }
  }
  return { ...base, changes: [] }
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
    const index = await loadClassIndex(tx, tenant.id)
    return (await tx.audit.listFor(tenant.id, 'customer', customer.id)).map((e) => historyEntryOf(e, index))
  })
}
