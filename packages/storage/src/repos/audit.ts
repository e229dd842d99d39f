import type { AuditLog, Visibility } from '@kehu/core'
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import { auditEventOf, auditEventRow } from '../rows/audit-event.js'
import type { AuditEventTable, Database } from '../schema.js'
import { logPage } from './log-query.js'
import { allRows, type Q } from './query.js'
import { visibleCustomerIds } from './visible.js'

type AuditSelect = SelectQueryBuilder<Database, 'audit_event', Selectable<AuditEventTable>>

/** The append-only audit log (the database refuses updates and deletes), read per entity or searched. */
export function audit(q: Q, kind: DialectKind): AuditLog {
  return {
    append: async (e) => {
      await q.insertInto('audit_event').values(auditEventRow(e)).execute()
    },
    listFor: (tenantId, entity, entityId) =>
      allRows(q, 'audit_event', { tenant_id: tenantId, entity, entity_id: entityId }, ['at', 'id'], auditEventOf),
    search: async (tenantId, visibility, query) => {
      let s = q.selectFrom('audit_event').selectAll().where('tenant_id', '=', tenantId)
      if (query.entity) s = s.where('entity', '=', query.entity.entity).where('entity_id', '=', query.entity.id)
      s = onlyVisible(s, tenantId, visibility, kind)
      return (await logPage(s, query).execute()).map(auditEventOf)
    },
  }
}

// Events about customers the caller may not see are not listed (nor those of deleted customers, for a scoped
// caller: their scopes can no longer be tested). PostgreSQL compares the text entity_id as a uuid only on
// customer rows (CASE keeps the cast from other rows), so the customer's primary key serves the look-up.
function onlyVisible(s: AuditSelect, tenantId: string, v: Visibility, kind: DialectKind): AuditSelect {
  const shown = visibleCustomerIds('vc.id', tenantId, v)
  if (!shown) return s
  const id =
    kind === 'postgresql'
      ? sql`case when audit_event.entity = 'customer' then cast(audit_event.entity_id as uuid) end`
      : sql`audit_event.entity_id`
  return s.where(sql<boolean>`(audit_event.entity <> 'customer' or exists (select 1 from customer vc
    where vc.tenant_id = ${tenantId} and vc.id = ${id} and ${shown}))`)
}
