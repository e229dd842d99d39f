import { type Kysely, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import type { Migration } from './types.js'

// Import (docs/decisions/0032-import.md): a tenant's saved column mappings; an import's tally and bad rows kept
// beside its job, written in the same transaction as the batch they belong to, so the error file and the counts
// survive a restart and a resumed job neither loses nor repeats a row.
export const importTables: Migration = {
  name: '0009-import',
  async up(db: Kysely<unknown>, kind: DialectKind) {
    const pg = kind === 'postgresql'
    const id = pg ? sql`uuid` : sql`text`
    const ts = pg ? sql`timestamptz` : sql`text`
    const json = pg ? sql`jsonb` : sql`text`
    await db.schema
      .createTable('import_mapping')
      .addColumn('tenant_id', id, (c) => c.notNull().references('tenant.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('mapping', json, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('import_mapping_pk', ['tenant_id', 'name'] as never)
      .execute()
    await db.schema
      .createTable('import_row_error')
      .addColumn('tenant_id', id, (c) => c.notNull().references('tenant.id').onDelete('cascade'))
      .addColumn('job_id', id, (c) => c.notNull())
      .addColumn('row', 'integer', (c) => c.notNull())
      .addColumn('cells', json, (c) => c.notNull())
      .addColumn('errors', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('import_row_error_pk', ['tenant_id', 'job_id', 'row'] as never)
      .execute()
    await db.schema
      .createTable('import_state')
      .addColumn('tenant_id', id, (c) => c.notNull().references('tenant.id').onDelete('cascade'))
      .addColumn('job_id', id, (c) => c.notNull())
      .addColumn('state', json, (c) => c.notNull())
      .addPrimaryKeyConstraint('import_state_pk', ['tenant_id', 'job_id'] as never)
      .execute()
  },
}
