import { type CreateTableBuilder, type Kysely, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import type { Migration } from './types.js'

// Every tenant table: tenant_id NOT NULL, primary key (tenant_id, id), composite foreign keys that
// include tenant_id, and every unique key and index led by tenant_id (Citus-ready, ARCHITECTURE.md).
export const base: Migration = {
  name: '0001-base',
  async up(db: Kysely<unknown>, kind: DialectKind) {
    const pg = kind === 'postgresql'
    const id = pg ? sql`uuid` : sql`text`
    const ts = pg ? sql`timestamptz` : sql`text`
    const date = pg ? sql`date` : sql`text`
    const bool = pg ? sql`boolean` : sql`integer`
    const json = pg ? sql`jsonb` : sql`text`
    const big = pg ? sql`bigint` : sql`integer`
    const F = pg ? sql`false` : sql`0`
    const T = pg ? sql`true` : sql`1`

    const tenantTable = <T extends string>(name: string) =>
      db.schema
        .createTable(name)
        .addColumn('tenant_id', id, (c) =>
          c.notNull().references('tenant.id').onDelete('cascade'),
        ) as CreateTableBuilder<T, never>

    await db.schema
      .createTable('kehu_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('tenant')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('is_default', bool, (c) => c.notNull().defaultTo(F))
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('app_user')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('login', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('is_admin', bool, (c) => c.notNull().defaultTo(F))
      .addColumn('enabled', bool, (c) => c.notNull().defaultTo(T))
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute()

    await tenantTable('tenant_member')
      .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
      .addColumn('roles', json, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('tenant_member_pk', ['tenant_id', 'user_id'] as never)
      .execute()

    await tenantTable('class_scheme')
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('levels', 'text')
      .addColumn('leaf_only', bool, (c) => c.notNull())
      .addColumn('builtin', bool, (c) => c.notNull())
      .addColumn('enabled', bool, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('class_scheme_pk', ['tenant_id', 'id'] as never)
      .addUniqueConstraint('class_scheme_code_uq', ['tenant_id', 'code'] as never)
      .execute()

    await tenantTable('class_node')
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('scheme_id', id, (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_id', id)
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('enabled', bool, (c) => c.notNull())
      .addColumn('defaults', json, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('class_node_pk', ['tenant_id', 'id'] as never)
      .addUniqueConstraint('class_node_code_uq', ['tenant_id', 'scheme_id', 'code'] as never)
      .addForeignKeyConstraint('class_node_scheme_fk', ['tenant_id', 'scheme_id'] as never, 'class_scheme', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('class_node_parent_fk', ['tenant_id', 'parent_id'] as never, 'class_node', [
        'tenant_id',
        'id',
      ])
      .execute()
    await db.schema.createIndex('class_node_parent_ix').on('class_node').columns(['tenant_id', 'parent_id']).execute()

    await tenantTable('class_node_alias')
      .addColumn('scheme_id', id, (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('node_id', id, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('class_node_alias_pk', ['tenant_id', 'scheme_id', 'code'] as never)
      .addForeignKeyConstraint('class_node_alias_node_fk', ['tenant_id', 'node_id'] as never, 'class_node', [
        'tenant_id',
        'id',
      ])
      .execute()

    await tenantTable('code_map')
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('entries', json, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('code_map_pk', ['tenant_id', 'id'] as never)
      .addUniqueConstraint('code_map_name_uq', ['tenant_id', 'name'] as never)
      .execute()

    await tenantTable('code_rule')
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('pattern', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('on_clash', 'text', (c) => c.notNull())
      .addColumn('condition', json)
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('is_default', bool, (c) => c.notNull())
      .addColumn('enabled', bool, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('code_rule_pk', ['tenant_id', 'id'] as never)
      .addUniqueConstraint('code_rule_name_uq', ['tenant_id', 'name'] as never)
      .execute()

    await tenantTable('code_counter')
      .addColumn('rule_id', id, (c) => c.notNull())
      .addColumn('scope_key', 'text', (c) => c.notNull())
      .addColumn('next_value', big, (c) => c.notNull())
      .addColumn('issued', big, (c) => c.notNull())
      .addColumn('retries', big, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('code_counter_pk', ['tenant_id', 'rule_id', 'scope_key'] as never)
      .addForeignKeyConstraint('code_counter_rule_fk', ['tenant_id', 'rule_id'] as never, 'code_rule', [
        'tenant_id',
        'id',
      ])
      .execute()

    await tenantTable('customer')
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text')
      .addColumn('mnemonic', 'text')
      .addColumn('pinyin', 'text')
      .addColumn('uscc', 'text')
      .addColumn('legal_representative', 'text')
      .addColumn('address', 'text')
      .addColumn('postcode', 'text')
      .addColumn('phone', 'text')
      .addColumn('email', 'text')
      .addColumn('website', 'text')
      .addColumn('bank_name', 'text')
      .addColumn('bank_account', 'text')
      .addColumn('tax_number', 'text')
      .addColumn('account_manager_id', id, (c) => c.references('app_user.id'))
      .addColumn('department', 'text')
      .addColumn('credit_grade', 'text')
      .addColumn('credit_limit_cents', big)
      .addColumn('registration_date', date, (c) => c.notNull())
      .addColumn('head_office_id', id)
      .addColumn('lifecycle_stage', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('remarks', 'text')
      .addColumn('attributes', json, (c) => c.notNull())
      .addColumn('code_rule_id', id)
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_pk', ['tenant_id', 'id'] as never)
      .addUniqueConstraint('customer_code_uq', ['tenant_id', 'code'] as never)
      .addUniqueConstraint('customer_uscc_uq', ['tenant_id', 'uscc'] as never)
      .addForeignKeyConstraint('customer_head_office_fk', ['tenant_id', 'head_office_id'] as never, 'customer', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('customer_code_rule_fk', ['tenant_id', 'code_rule_id'] as never, 'code_rule', [
        'tenant_id',
        'id',
      ])
      .execute()
    await db.schema.createIndex('customer_name_ix').on('customer').columns(['tenant_id', 'name']).execute()
    await db.schema.createIndex('customer_status_ix').on('customer').columns(['tenant_id', 'status']).execute()
    await db.schema
      .createIndex('customer_manager_ix')
      .on('customer')
      .columns(['tenant_id', 'account_manager_id'])
      .execute()
    await db.schema.createIndex('customer_mnemonic_ix').on('customer').columns(['tenant_id', 'mnemonic']).execute()

    await tenantTable('customer_class')
      .addColumn('customer_id', id, (c) => c.notNull())
      .addColumn('scheme_id', id, (c) => c.notNull())
      .addColumn('node_id', id, (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_class_pk', ['tenant_id', 'customer_id', 'scheme_id'] as never)
      .addForeignKeyConstraint('customer_class_customer_fk', ['tenant_id', 'customer_id'] as never, 'customer', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('customer_class_scheme_fk', ['tenant_id', 'scheme_id'] as never, 'class_scheme', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('customer_class_node_fk', ['tenant_id', 'node_id'] as never, 'class_node', [
        'tenant_id',
        'id',
      ])
      .execute()
    await db.schema
      .createIndex('customer_class_node_ix')
      .on('customer_class')
      .columns(['tenant_id', 'node_id'])
      .execute()

    await tenantTable('customer_code')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('customer_id', id, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('live', 'alias')`))
      .addColumn('rule_id', id)
      .addColumn('scope_key', 'text')
      .addColumn('serial', big)
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_code_pk', ['tenant_id', 'code'] as never)
      // Deferred: a code is registered (INSERT … ON CONFLICT DO NOTHING) before its customer row exists.
      .addForeignKeyConstraint(
        'customer_code_customer_fk',
        ['tenant_id', 'customer_id'] as never,
        'customer',
        ['tenant_id', 'id'],
        (fk) => fk.deferrable().initiallyDeferred(),
      )
      .execute()
    await db.schema
      .createIndex('customer_code_customer_ix')
      .on('customer_code')
      .columns(['tenant_id', 'customer_id'])
      .execute()
    await db.schema
      .createIndex('customer_code_rule_ix')
      .on('customer_code')
      .columns(['tenant_id', 'rule_id', 'scope_key', 'created_at'])
      .execute()

    await tenantTable('dimension')
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('enabled', bool, (c) => c.notNull())
      .addColumn('applies_to', json)
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('dimension_pk', ['tenant_id', 'id'] as never)
      .addUniqueConstraint('dimension_code_uq', ['tenant_id', 'code'] as never)
      .execute()

    await tenantTable('attribute')
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('dimension_id', id, (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('precision', 'integer', (c) => c.notNull())
      .addColumn('required', bool, (c) => c.notNull())
      .addColumn('default_value', json)
      .addColumn('constraints', json, (c) => c.notNull())
      .addColumn('options', json, (c) => c.notNull())
      .addColumn('reference_scheme_id', id)
      .addColumn('is_unique', bool, (c) => c.notNull())
      .addColumn('indexed', bool, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('enabled', bool, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('attribute_pk', ['tenant_id', 'id'] as never)
      .addUniqueConstraint('attribute_code_uq', ['tenant_id', 'code'] as never)
      .addForeignKeyConstraint('attribute_dimension_fk', ['tenant_id', 'dimension_id'] as never, 'dimension', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('attribute_scheme_fk', ['tenant_id', 'reference_scheme_id'] as never, 'class_scheme', [
        'tenant_id',
        'id',
      ])
      .execute()

    await tenantTable('attribute_unique')
      .addColumn('attribute_id', id, (c) => c.notNull())
      .addColumn('value_key', 'text', (c) => c.notNull())
      .addColumn('customer_id', id, (c) => c.notNull())
      .addPrimaryKeyConstraint('attribute_unique_pk', ['tenant_id', 'attribute_id', 'value_key'] as never)
      .addForeignKeyConstraint('attribute_unique_attribute_fk', ['tenant_id', 'attribute_id'] as never, 'attribute', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('attribute_unique_customer_fk', ['tenant_id', 'customer_id'] as never, 'customer', [
        'tenant_id',
        'id',
      ])
      .execute()

    await tenantTable('class_rule')
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('scheme_id', id, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('condition', json, (c) => c.notNull())
      .addColumn('node_id', id, (c) => c.notNull())
      .addColumn('enabled', bool, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('class_rule_pk', ['tenant_id', 'id'] as never)
      .addForeignKeyConstraint('class_rule_scheme_fk', ['tenant_id', 'scheme_id'] as never, 'class_scheme', [
        'tenant_id',
        'id',
      ])
      .addForeignKeyConstraint('class_rule_node_fk', ['tenant_id', 'node_id'] as never, 'class_node', [
        'tenant_id',
        'id',
      ])
      .execute()

    await tenantTable('audit_event')
      .addColumn('id', id, (c) => c.notNull())
      .addColumn('at', ts, (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('data', json, (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addPrimaryKeyConstraint('audit_event_pk', ['tenant_id', 'id'] as never)
      .execute()
    await db.schema
      .createIndex('audit_event_entity_ix')
      .on('audit_event')
      .columns(['tenant_id', 'entity', 'entity_id', 'at'])
      .execute()

    await tenantTable('idempotency_key')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('response', json)
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('expires_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_key_pk', ['tenant_id', 'key'] as never)
      .execute()
  },
}
