import type { Database as SqliteDb } from 'better-sqlite3'
import { CompiledQuery, type DatabaseConnection, SqliteDialect, SqliteDriver } from 'kysely'

// Kysely's SQLite driver opens transactions with a deferred BEGIN: a transaction that reads and then
// writes gets SQLITE_BUSY at once when another process writes. BEGIN IMMEDIATE takes the write lock
// up front, and busy_timeout makes competing processes wait for it instead of failing.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

const STATEMENT_CACHE = 500

// Kysely prepares every query anew; preparing is a large share of a short query's cost on better-sqlite3.
// Statements are reused per SQL text: safe, because Kysely runs one query at a time on its one connection.
function cachingDatabase(database: SqliteDb) {
  const cache = new Map<string, ReturnType<SqliteDb['prepare']>>()
  return {
    close: () => database.close(),
    prepare: (sql: string) => {
      let stmt = cache.get(sql)
      if (!stmt) {
        if (cache.size >= STATEMENT_CACHE) cache.clear()
        stmt = database.prepare(sql)
        cache.set(sql, stmt)
      }
      return stmt
    },
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: ReturnType<typeof cachingDatabase>
  constructor(database: SqliteDb) {
    const cached = cachingDatabase(database)
    super({ database: cached })
    this.#database = cached
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.#database })
  }
}
