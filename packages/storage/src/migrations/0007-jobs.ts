import { type Kysely, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import type { Migration } from './types.js'

// Jobs: long work of a tenant with progress, a checkpoint committed with each batch, and a lease
// (docs/decisions/ on jobs). One table on both databases.
export const jobs: Migration = {
  name: '0007-jobs',
  async up(db: Kysely<unknown>, kind: DialectKind) {
    const pg = kind === 'postgresql'
    const id = pg ? sql`uuid` : sql`text`
    const ts = pg ? sql`timestamptz` : sql`text`
    const json = pg ? sql`jsonb` : sql`text`
    const bool = pg ? sql`boolean` : sql`integer`
    await db.schema
      .createTable('job')
      .addColumn('tenant_id', id, (c) => c.notNull().references('tenant.id').onDelete('cascade'))
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('params', json, (c) => c.notNull())
      .addColumn('resume_key', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', json, (c) => c.notNull())
      .addColumn('checkpoint', json)
      .addColumn('result', json)
      .addColumn('error', json)
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', ts)
      .addColumn('cancel_requested', bool, (c) => c.notNull())
      .addColumn('created_by', id, (c) => c.notNull().references('app_user.id'))
      .addColumn('created_by_label', 'text', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('started_at', ts)
      .addColumn('finished_at', ts)
      .addPrimaryKeyConstraint('job_pk', ['tenant_id', 'id'] as never)
      .execute()
    await db.schema.createIndex('job_list_ix').on('job').columns(['tenant_id', 'created_at', 'id']).execute()
    // A runner claims across tenants: the open jobs are few, so a partial index over them (led by tenant_id,
    // as every index is) is scanned whole instead of the table.
    await sql`create index job_open_ix on job (tenant_id, status, lease_until) where status in ('queued', 'running')`.execute(
      db,
    )
    await sql`create index job_resume_ix on job (tenant_id, kind, resume_key) where status in ('queued', 'running')`.execute(
      db,
    )
  },
}
