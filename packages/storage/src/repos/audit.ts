import type { AuditLog, Visibility } from '@kehu/core'
import { auditEventOf, auditEventRow } from '../rows/audit-event.js'
import { logPage } from './log-query.js'
import { allRows, type Q } from './query.js'

/** The append-only audit log (the database refuses updates and deletes), read per entity or searched. */
export function audit(q: Q): AuditLog {
  return {
    append: async (e) => {
      await q.insertInto('audit_event').values(auditEventRow(e)).execute()
    },
    listFor: (tenantId, entity, entityId) =>
      allRows(q, 'audit_event', { tenant_id: tenantId, entity, entity_id: entityId }, ['at', 'id'], auditEventOf),
    search: async (tenantId, visibility, query) => {
      let s = q.selectFrom('audit_event').selectAll().where('tenant_id', '=', tenantId)
      if (query.entity) s = s.where('entity', '=', query.entity.entity).where('entity_id', '=', query.entity.id)
      s = onlyVisible(s, visibility)
      return (await logPage(s, query).execute()).map(auditEventOf)
    },
  }
}

// Events about customers the caller may not see are not listed. Every customer is visible until data scopes
// exist; a new kind of visibility fails to compile here until it filters the customer events.
function onlyVisible<S>(s: S, v: Visibility): S {
  switch (v.kind) {
    case 'all':
      return s
    default: {
      const unhandled: never = v.kind
      return unhandled
    }
  }
}
