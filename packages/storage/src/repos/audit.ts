import type { AuditLog } from '@kehu/core'
import { auditEventOf, auditEventRow } from '../rows/audit-event.js'
import { allRows, type Q } from './query.js'

/** The append-only audit log, read back per entity in the order it was written. */
export function audit(q: Q): AuditLog {
  return {
    append: async (e) => {
      await q.insertInto('audit_event').values(auditEventRow(e)).execute()
    },
    listFor: (tenantId, entity, entityId) =>
      allRows(q, 'audit_event', { tenant_id: tenantId, entity, entity_id: entityId }, ['at', 'id'], auditEventOf),
  }
}
