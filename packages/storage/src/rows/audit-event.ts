import type { AuditEvent } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { AuditEventTable } from '../schema.js'
import { json, toJson } from './values.js'

export const auditEventOf = (r: Selectable<AuditEventTable>): AuditEvent => ({
  id: r.id,
  tenantId: r.tenant_id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  data: (json(r.data) ?? {}) as Record<string, unknown>,
  requestId: r.request_id,
})

export const auditEventRow = (e: AuditEvent): Insertable<AuditEventTable> => ({
  tenant_id: e.tenantId,
  id: e.id,
  at: e.at,
  actor: e.actor,
  action: e.action,
  entity: e.entity,
  entity_id: e.entityId,
  data: toJson(e.data),
  request_id: e.requestId,
})
