import { type Kysely, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import type { Migration } from './types.js'

// The audit log page (docs/decisions/0025-audit-log-append-only-and-searchable.md): both logs refuse UPDATE and
// DELETE in the database itself, access events name the tenant they concern, and indexes serve newest-first pages.
export const auditLog: Migration = {
  name: '0005-audit-log',
  async up(db: Kysely<unknown>, kind: DialectKind) {
    const pg = kind === 'postgresql'
    // Membership, role and token-use events concern one tenant; sign-ins and user changes none (null).
    // No foreign key: an access row outlives nothing it names, and a cascade would have to delete it.
    await db.schema
      .alterTable('access_event')
      .addColumn('tenant_id', pg ? sql`uuid` : sql`text`)
      .execute()
    await db.schema.createIndex('access_event_at_ix').on('access_event').columns(['at', 'id']).execute()
    await db.schema
      .createIndex('access_event_tenant_ix')
      .on('access_event')
      .columns(['tenant_id', 'at', 'id'])
      .execute()
    await db.schema.createIndex('audit_event_at_ix').on('audit_event').columns(['tenant_id', 'at', 'id']).execute()
    await db.schema
      .createIndex('audit_event_action_ix')
      .on('audit_event')
      .columns(['tenant_id', 'action', 'at'])
      .execute()

    // Append-only. The one delete let through is an audit row whose tenant row is already gone: removing a whole
    // tenant (no API or CLI path; the demo loader undoing its own failed first load) cascades to its log.
    const refused = (table: string, op: string) => `${table} is append-only: ${op} refused`
    if (pg) {
      await sql`
        create function kehu_append_only() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE' and tg_table_name = 'audit_event' then
            if not exists (select 1 from tenant where id = old.tenant_id) then
              return old;
            end if;
          end if;
          raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'restrict_violation';
        end
        $$`.execute(db)
      for (const table of ['audit_event', 'access_event']) {
        await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
          for each row execute function kehu_append_only()`.execute(db)
        await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
          for each statement execute function kehu_append_only()`.execute(db)
      }
      return
    }
    for (const table of ['audit_event', 'access_event']) {
      await sql`create trigger ${sql.raw(`${table}_no_update`)} before update on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(refused(table, 'UPDATE'))}); end`.execute(db)
      const unlessTenantGone =
        table === 'audit_event' ? sql`when exists (select 1 from tenant where id = old.tenant_id)` : sql``
      await sql`create trigger ${sql.raw(`${table}_no_delete`)} before delete on ${sql.table(table)} ${unlessTenantGone}
        begin select raise(abort, ${sql.lit(refused(table, 'DELETE'))}); end`.execute(db)
    }
  },
}
