import { accessSync, constants, existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { AppError, text } from '@kehu/core'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'
import { ImmediateSqliteDialect } from './sqlite-dialect.js'

export type DialectKind = 'sqlite' | 'postgresql'

export interface DatabaseConfig {
  /** `postgres://…` selects PostgreSQL; otherwise the SQLite file under `dataDir`. */
  databaseUrl?: string | undefined
  dataDir?: string | undefined
  /** SQLite `synchronous`: FULL by default (an issued code must survive a power cut). */
  synchronous?: 'FULL' | 'NORMAL'
  /** PostgreSQL pool size. */
  poolSize?: number
  /** SQLite: a read-only connection to an existing file (the server's read workers); it never migrates. */
  readonly?: boolean
}

export interface Db {
  db: Kysely<Database>
  kind: DialectKind
  /** The SQLite file and handle, when kind is sqlite (for online backups). */
  file?: string
  sqlite?: BetterSqlite3.Database
  /** A safe description for logs and messages (no password). */
  description: string
  close(): Promise<void>
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url)

// Timestamps, dates and bigints come back as the same JS values on both databases.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case 20: // int8
        return (v: string) => Number(v)
      case 1700: // numeric
        return (v: string) => v
      case 1082: // date
        return (v: string) => v
      case 1114: // timestamp
      case 1184: // timestamptz
        return (v: string) => new Date(v).toISOString()
      default:
        return pg.types.getTypeParser(oid, format)
    }
  },
}

export const redactUrl = (url: string) => url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@')

/** Opens the configured database, with one clear error for a bad configuration. */
export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  const url = config.databaseUrl?.trim()
  if (url) {
    if (!isPostgresUrl(url))
      throw new AppError(
        'invalid',
        'CONFIG_DATABASE_URL',
        text(
          `数据库地址无效：${redactUrl(url)}（应以 postgres:// 开头；不设则使用内置 SQLite）`,
          `Invalid database URL: ${redactUrl(url)} (expected postgres://…; leave it unset for the embedded SQLite)`,
        ),
      )
    return openPostgres(url, config.poolSize ?? 10)
  }
  return openSqlite(resolve(config.dataDir ?? './data'), config.synchronous ?? 'FULL', config.readonly ?? false)
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes, connectionTimeoutMillis: 5000 })
  pool.on('error', () => {}) // an idle client's error must not crash the process; queries report their own
  const description = `PostgreSQL ${redactUrl(url)}`
  try {
    const client = await pool.connect()
    client.release()
  } catch (e) {
    await pool.end().catch(() => {})
    throw new AppError(
      'unavailable',
      'DATABASE_UNREACHABLE',
      text(
        `无法连接数据库 ${redactUrl(url)}：${(e as Error).message}`,
        `Cannot connect to the database ${redactUrl(url)}: ${(e as Error).message}`,
      ),
      { cause: e },
    )
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgresql', description, close: () => db.destroy() }
}

/**
 * `mkdir -p` one level at a time: Node's recursive mkdir never returns on some pseudo file systems (under
 * `/proc` it retries ENOENT forever), where this fails at once with the first level's error.
 */
export function makeDirs(dir: string): void {
  const missing: string[] = []
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d)
    if (dirname(d) === d) break
  }
  for (const d of missing) mkdirSync(d)
}

function openSqlite(dataDir: string, synchronous: 'FULL' | 'NORMAL', readonly: boolean): Promise<Db> {
  const file = join(dataDir, 'kehu.db')
  try {
    if (readonly) accessSync(file, constants.R_OK)
    else {
      makeDirs(dataDir)
      accessSync(dataDir, constants.W_OK)
    }
  } catch (e) {
    throw new AppError(
      'unavailable',
      'DATA_DIR_UNWRITABLE',
      text(
        `数据目录不可写：${dataDir}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）。请用 --data 或 KEHU_DATA_DIR 指定一个可写的目录。`,
        `The data folder is not writable: ${dataDir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Choose a writable one with --data or KEHU_DATA_DIR.`,
      ),
      { cause: e },
    )
  }
  let sqlite: BetterSqlite3.Database
  try {
    sqlite = new BetterSqlite3(file, { readonly })
    // the writer has put the file in WAL mode, so readers never wait for it
    if (!readonly) {
      sqlite.pragma('journal_mode = WAL')
      sqlite.pragma('foreign_keys = ON')
      sqlite.pragma(`synchronous = ${synchronous}`)
    }
    sqlite.pragma('busy_timeout = 10000')
  } catch (e) {
    throw new AppError(
      'unavailable',
      'DATABASE_UNREADABLE',
      text(
        `无法打开数据库文件 ${file}：${(e as Error).message}`,
        `Cannot open the database file ${file}: ${(e as Error).message}`,
      ),
      { cause: e },
    )
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite) })
  return Promise.resolve({
    db,
    kind: 'sqlite',
    file,
    sqlite,
    description: `SQLite ${file}`,
    close: () => db.destroy(),
  })
}

export const dataDirOf = (file: string) => dirname(file)
