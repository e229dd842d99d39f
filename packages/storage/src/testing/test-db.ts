// Test databases: each test file gets its own, so parallel workers never share state.
// SQLite: a fresh file in a temp folder. PostgreSQL: CREATE DATABASE … TEMPLATE from the migrated
// template that the global setup made for this run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { type DatabaseConfig, type Db, type DialectKind, openDatabase } from '../connect.js'
import { migrate } from '../migrate.js'

export interface TestDb extends Db {
  /** How another connection opens the same database (e.g. the server's read workers). */
  config: DatabaseConfig
  dispose(): Promise<void>
}

const isCi = () => process.env.CI === 'true' || process.env.CI === '1'

/** The databases the suites run on: SQLite always; PostgreSQL when KEHU_TEST_PG_URL is set (required in CI). */
export function testKinds(): DialectKind[] {
  if (process.env.KEHU_TEST_PG_URL) return ['sqlite', 'postgresql']
  if (isCi()) throw new Error('CI=true requires KEHU_TEST_PG_URL: PostgreSQL tests may not be skipped in CI')
  return ['sqlite']
}

export const withDatabase = (url: string, name: string) => {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

export async function createTestDb(kind: DialectKind): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kehu-db-'))
    const db = await openDatabase({ dataDir: dir })
    await migrate(db)
    return {
      ...db,
      config: { dataDir: dir },
      dispose: async () => {
        await db.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const url = process.env.KEHU_TEST_PG_URL as string
  const template = inject('pgTemplate') as string | undefined
  if (!template) throw new Error('the PostgreSQL template was not prepared (vitest global setup)')
  const name = `kehu_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`create database "${name}" template "${template}"`)
  } finally {
    await admin.end()
  }
  const db = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 12 })
  return {
    ...db,
    config: { databaseUrl: withDatabase(url, name) },
    dispose: async () => {
      await db.close()
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      try {
        await c.query(`drop database if exists "${name}" with (force)`)
      } finally {
        await c.end()
      }
    },
  }
}

/** Creates and migrates the run's template database; returns its name and a teardown. */
export async function prepareTemplate(url: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `kehu_tpl_${process.pid}_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`create database "${name}"`)
  } finally {
    await admin.end()
  }
  const db = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 1 })
  await migrate(db)
  // A template with a live session cannot be copied: close the pool before anyone copies it.
  await db.close()
  return {
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      try {
        await c.query(`drop database if exists "${name}" with (force)`)
      } finally {
        await c.end()
      }
    },
  }
}
