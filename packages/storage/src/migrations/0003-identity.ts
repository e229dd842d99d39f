import { type Kysely, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import type { Migration } from './types.js'

// Sign-in (docs/decisions/0023-identity-sign-in-and-sessions.md). Users, sessions, tokens and the access log are
// global (one login works in several tenants); roles and memberships are tenant tables under the Citus rules.
export const identity: Migration = {
  name: '0003-identity',
  async up(db: Kysely<unknown>, kind: DialectKind) {
    const pg = kind === 'postgresql'
    const id = pg ? sql`uuid` : sql`text`
    const ts = pg ? sql`timestamptz` : sql`text`
    const json = pg ? sql`jsonb` : sql`text`
    const bool = pg ? sql`boolean` : sql`integer`

    // Never used: roles were a JSON list; memberships are one row per role now.
    await db.schema.dropTable('tenant_member').execute()

    await db.schema
      .createTable('role')
      .addColumn('tenant_id', id, (c) => c.notNull().references('tenant.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // Built-in roles take their permissions from the code (core's BUILT_IN_ROLES); this list is for custom ones.
      .addColumn('permissions', json, (c) => c.notNull())
      .addColumn('built_in', bool, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('role_pk', ['tenant_id', 'code'] as never)
      .execute()
    for (const [code, name] of [
      ['admin', '管理员'],
      ['clerk', '建档员'],
      ['sales', '业务员'],
      ['readonly', '只读'],
    ])
      await sql`insert into role (tenant_id, code, name, permissions, built_in, created_at)
        select id, ${code}, ${name}, '[]', ${pg ? sql`true` : sql`1`}, created_at from tenant`.execute(db)

    await db.schema
      .createTable('membership')
      .addColumn('tenant_id', id, (c) => c.notNull().references('tenant.id').onDelete('cascade'))
      .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
      .addColumn('role_code', 'text', (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('membership_pk', ['tenant_id', 'user_id', 'role_code'] as never)
      .addForeignKeyConstraint('membership_role_fk', ['tenant_id', 'role_code'] as never, 'role', ['tenant_id', 'code'])
      .execute()

    await db.schema
      .createTable('user_session')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('last_seen_at', ts, (c) => c.notNull())
      .addColumn('expires_at', ts, (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('revoked_at', ts)
      .execute()
    await db.schema.createIndex('user_session_user_ix').on('user_session').columns(['user_id']).execute()

    await db.schema
      .createTable('api_token')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', id, (c) => c.notNull().references('app_user.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('scopes', json, (c) => c.notNull())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('expires_at', ts)
      .addColumn('last_used_at', ts)
      .addColumn('revoked_at', ts)
      .execute()

    await db.schema
      .createTable('access_event')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('at', ts, (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('login', 'text')
      .addColumn('user_id', id)
      .addColumn('address', 'text')
      .addColumn('data', json, (c) => c.notNull())
      .execute()
    // The rate limits count recent failures per login and per address.
    await db.schema.createIndex('access_event_login_ix').on('access_event').columns(['login', 'action', 'at']).execute()
    await db.schema
      .createIndex('access_event_address_ix')
      .on('access_event')
      .columns(['address', 'action', 'at'])
      .execute()
  },
}
