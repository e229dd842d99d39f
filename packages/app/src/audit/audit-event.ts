import type { Actor, AuditAction, AuditEvent, AuditPayload } from '@kehu/core'
import type { Deps } from '../deps.js'

/** Builds one audit event of the current request (appended by the use case inside its transaction); its payload is typed by its kind (core's AUDIT_EVENTS). */
export function auditEvent<A extends AuditAction>(
  deps: Deps,
  actor: Actor,
  tenantId: string,
  action: A,
  entity: string,
  entityId: string,
  data: AuditPayload<A>,
): AuditEvent {
  return {
    id: deps.ids.next(),
    tenantId,
    at: deps.clock.now().toISOString(),
    actor: actor.label,
    action,
    entity,
    entityId,
    data,
    requestId: deps.requestId ?? null,
  }
}

/** The fields that differ between two versions of a record, as before → after pairs. */
export function diff<T extends object>(
  before: T,
  after: T,
  ignore: (keyof T)[] = [],
): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {}
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (ignore.includes(key)) continue
    const a = before[key]
    const b = after[key]
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key as string] = { before: a ?? null, after: b ?? null }
  }
  return out
}
