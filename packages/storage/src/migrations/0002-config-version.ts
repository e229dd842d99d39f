import { type Kysely, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import type { Migration } from './types.js'

/** The tables whose rows make up a tenant's configuration (what a customer create reads but never writes). */
export const CONFIG_TABLES = [
  'class_scheme',
  'class_node',
  'class_node_alias',
  'class_rule',
  'code_rule',
  'code_map',
  'dimension',
  'attribute',
] as const

// tenant.config_version counts configuration changes; triggers bump it in the writing transaction, so any
// writer (a use case, another process, an administrator's SQL) invalidates the configuration cache
// (ADR 0009) and nothing in the code can forget to.
export const configVersion: Migration = {
  name: '0002-config-version',
  async up(db: Kysely<unknown>, kind: DialectKind) {
    await db.schema
      .alterTable('tenant')
      .addColumn('config_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    if (kind === 'postgresql') {
      await sql`create function kehu_bump_config_version() returns trigger language plpgsql as $$
        begin
          update tenant set config_version = config_version + 1
           where id = case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end;
          return null;
        end $$`.execute(db)
      for (const t of CONFIG_TABLES)
        await sql`create trigger ${sql.raw(`${t}_config_version`)} after insert or update or delete on ${sql.table(t)}
          for each row execute function kehu_bump_config_version()`.execute(db)
      return
    }
    // SQLite: one trigger per event
    for (const t of CONFIG_TABLES)
      for (const [event, row] of [
        ['insert', 'new'],
        ['update', 'new'],
        ['delete', 'old'],
      ] as const)
        await sql`create trigger ${sql.raw(`${t}_config_${event}`)} after ${sql.raw(event)} on ${sql.table(t)}
          begin update tenant set config_version = config_version + 1 where id = ${sql.raw(row)}.tenant_id; end`.execute(
          db,
        )
  },
}
