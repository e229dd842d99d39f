import { dirname, join } from 'node:path'
import { AppError, type Clock, text } from '@kehu/core'
import { type Kysely, type Migration as KyselyMigration, Migrator, sql } from 'kysely'
import { type Db, makeDirs } from './connect.js'
import { migrations } from './migrations/index.js'
import { systemClock } from './system.js'

export interface MigrateResult {
  applied: string[]
  /** The online backup taken before a non-empty SQLite database was changed. */
  backup?: string
}

function migrator(db: Db): Migrator {
  const list: Record<string, KyselyMigration> = {}
  for (const m of migrations) list[m.name] = { up: (k: Kysely<unknown>) => m.up(k, db.kind) }
  return new Migrator({ db: db.db, provider: { getMigrations: async () => list } })
}

async function hasData(db: Db): Promise<boolean> {
  const r = await sql<{
    n: number
  }>`select count(*) as n from sqlite_master where type = 'table' and name = 'tenant'`.execute(db.db)
  if (Number(r.rows[0]?.n ?? 0) === 0) return false
  const t = await sql<{ n: number }>`select count(*) as n from tenant`.execute(db.db)
  return Number(t.rows[0]?.n ?? 0) > 0
}

/** Applies pending migrations; a non-empty SQLite database is copied first with the online backup. */
export async function migrate(db: Db, clock: Clock = systemClock): Promise<MigrateResult> {
  const m = migrator(db)
  const pending = (await m.getMigrations()).filter((x) => !x.executedAt)
  if (pending.length === 0) return { applied: [] }
  let backup: string | undefined
  if (db.kind === 'sqlite' && db.sqlite && db.file && (await hasData(db))) {
    const stamp = clock
      .now()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')
    backup = join(dirname(db.file), 'backups', `pre-migrate-${pending[0]?.name}-${stamp}.db`)
    makeDirs(dirname(backup))
    await db.sqlite.backup(backup)
  }
  const { error, results } = await m.migrateToLatest()
  if (error)
    throw new AppError(
      'unavailable',
      'DATABASE_MIGRATION_FAILED',
      text(`数据库迁移失败：${(error as Error).message}`, `Database migration failed: ${(error as Error).message}`),
      { cause: error },
    )
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    ...(backup ? { backup } : {}),
  }
}
