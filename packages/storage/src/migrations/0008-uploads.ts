import { type Kysely, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import type { Migration } from './types.js'

// Uploads: files kept for an import job (ADR 0031), in 1 MB chunks so no row is large and a reader streams them.
export const uploads: Migration = {
  name: '0008-uploads',
  async up(db: Kysely<unknown>, kind: DialectKind) {
    const pg = kind === 'postgresql'
    const id = pg ? sql`uuid` : sql`text`
    const ts = pg ? sql`timestamptz` : sql`text`
    const bool = pg ? sql`boolean` : sql`integer`
    await db.schema
      .createTable('upload')
      .addColumn('tenant_id', id, (c) => c.notNull().references('tenant.id').onDelete('cascade'))
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text')
      .addColumn('format', 'text')
      .addColumn('complete', bool, (c) => c.notNull())
      .addColumn('created_by', id, (c) => c.notNull().references('app_user.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('upload_pk', ['tenant_id', 'id'] as never)
      .execute()
    await db.schema.createIndex('upload_age_ix').on('upload').columns(['tenant_id', 'created_at']).execute()
    await db.schema
      .createTable('upload_chunk')
      .addColumn('tenant_id', id, (c) => c.notNull())
      .addColumn('upload_id', id, (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('data', pg ? sql`bytea` : sql`blob`, (c) => c.notNull())
      .addPrimaryKeyConstraint('upload_chunk_pk', ['tenant_id', 'upload_id', 'seq'] as never)
      .addForeignKeyConstraint(
        'upload_chunk_upload_fk',
        ['tenant_id', 'upload_id'] as never,
        'upload',
        ['tenant_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute()
  },
}
