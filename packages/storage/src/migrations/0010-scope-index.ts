import type { Kysely } from 'kysely'
import type { Migration } from './types.js'

// A scoped list (docs/decisions/0027-data-scopes.md) reads the customer ids on the scope's nodes and walks the
// customers in code order keeping those ids: both from indexes alone, never from the customer rows
// (bench/README.md, scopes).
export const scopeIndex: Migration = {
  name: '0010-scope-index',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('customer_class_scope_ix')
      .on('customer_class')
      .columns(['tenant_id', 'scheme_id', 'node_id', 'customer_id'])
      .execute()
    await db.schema.createIndex('customer_code_id_ix').on('customer').columns(['tenant_id', 'code', 'id']).execute()
  },
}
