import { type Kysely, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import type { Migration } from './types.js'

// Data scopes (docs/decisions/0027-data-scopes.md). A node's path is the ids of its ancestors and itself
// (`/root/…/self/`): a subtree is a path prefix, whatever the codes become after a move.
export const dataScopes: Migration = {
  name: '0006-data-scopes',
  async up(db: Kysely<unknown>, kind: DialectKind) {
    const pg = kind === 'postgresql'
    const id = pg ? sql`uuid` : sql`text`
    const ts = pg ? sql`timestamptz` : sql`text`
    const bool = pg ? sql`boolean` : sql`integer`

    await db.schema.alterTable('class_node').addColumn('path', 'text').execute()
    await backfillNodePaths(db)
    // Prefix matches (`path like '/…/%'`) use the index: PostgreSQL needs the pattern operator class under a
    // non-C collation; SQLite's LIKE ignores case, so its index must too.
    if (pg) await sql`create index class_node_path_ix on class_node (tenant_id, path text_pattern_ops)`.execute(db)
    else await sql`create index class_node_path_ix on class_node (tenant_id, path collate nocase)`.execute(db)

    // One row per scope of a member: a node (本级, or 本级及下级 with `subtree`) or, without a node, `own`.
    await db.schema
      .createTable('member_scope')
      .addColumn('tenant_id', id, (c) => c.notNull().references('tenant.id').onDelete('cascade'))
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
      .addColumn('node_id', id)
      .addColumn('subtree', bool, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('member_scope_pk', ['tenant_id', 'id'] as never)
      .addForeignKeyConstraint('member_scope_node_fk', ['tenant_id', 'node_id'] as never, 'class_node', [
        'tenant_id',
        'id',
      ])
      .execute()
    await db.schema.createIndex('member_scope_user_ix').on('member_scope').columns(['tenant_id', 'user_id']).execute()
    await db.schema.createIndex('member_scope_node_ix').on('member_scope').columns(['tenant_id', 'node_id']).execute()
  },
}

/** Gives every node without a path its path, level by level: the roots, then each node whose parent has one. */
export async function backfillNodePaths(db: Kysely<unknown>): Promise<void> {
  await sql`update class_node set path = '/' || cast(id as text) || '/' where parent_id is null and path is null`.execute(
    db,
  )
  for (;;) {
    const r = await sql`update class_node set path = (
        select p.path || cast(class_node.id as text) || '/' from class_node p
        where p.tenant_id = class_node.tenant_id and p.id = class_node.parent_id)
      where path is null and exists (
        select 1 from class_node p
        where p.tenant_id = class_node.tenant_id and p.id = class_node.parent_id and p.path is not null)`.execute(db)
    if (Number(r.numAffectedRows ?? 0) === 0) break
  }
}
