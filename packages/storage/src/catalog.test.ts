// Reads PostgreSQL's catalogs and fails on a table that breaks the Citus rules of ARCHITECTURE.md:
// tenant_id NOT NULL, primary key led by tenant_id, unique keys and indexes led by tenant_id,
// foreign keys between tenant tables composite and including tenant_id.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb, testKinds } from './testing/test-db.js'

// Global tables: users and what belongs to them (sessions, tokens, the access log) span tenants.
const GLOBAL = new Set(['tenant', 'app_user', 'user_session', 'api_token', 'access_event'])
const ALLOWLIST = new Set([...GLOBAL, 'kehu_meta', 'kysely_migration', 'kysely_migration_lock'])

describe.runIf(testKinds().includes('postgresql'))('PostgreSQL catalog follows the tenant rules', () => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb('postgresql')
  })
  afterAll(() => db?.dispose())

  it('every tenant table has tenant_id NOT NULL and every key and index led by it', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
      db.db,
    )
    const names = tables.rows.map((r) => r.table_name).filter((n) => !ALLOWLIST.has(n))
    expect(names.length).toBeGreaterThan(10)
    const problems: string[] = []
    for (const t of names) {
      const col = await sql<{ is_nullable: string }>`
        select is_nullable from information_schema.columns
        where table_schema = 'public' and table_name = ${t} and column_name = 'tenant_id'`.execute(db.db)
      if (col.rows[0]?.is_nullable !== 'NO') problems.push(`${t}: tenant_id missing or nullable`)
      const idx = await sql<{ index_name: string; first_col: string; is_primary: boolean }>`
        select ic.relname as index_name, a.attname as first_col, i.indisprimary as is_primary
        from pg_index i
        join pg_class c on c.oid = i.indrelid
        join pg_class ic on ic.oid = i.indexrelid
        join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
        where c.relname = ${t} and c.relnamespace = 'public'::regnamespace`.execute(db.db)
      if (!idx.rows.some((r) => r.is_primary)) problems.push(`${t}: no primary key`)
      for (const r of idx.rows)
        if (r.first_col !== 'tenant_id') problems.push(`${t}: index ${r.index_name} not led by tenant_id`)
      const fks = await sql<{ conname: string; cols: string[]; target: string }>`
        select con.conname, array(select attname from pg_attribute where attrelid = con.conrelid and attnum = any(con.conkey))::text[] as cols,
               tc.relname as target
        from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_class tc on tc.oid = con.confrelid
        where con.contype = 'f' and c.relname = ${t} and c.relnamespace = 'public'::regnamespace`.execute(db.db)
      for (const fk of fks.rows) {
        if (GLOBAL.has(fk.target)) continue
        if (!fk.cols.includes('tenant_id') || fk.cols.length < 2)
          problems.push(`${t}: foreign key ${fk.conname} to ${fk.target} is not composite with tenant_id`)
      }
    }
    expect(problems).toEqual([])
  })
})
