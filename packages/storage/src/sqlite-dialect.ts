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

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDb
  constructor(database: SqliteDb) {
    super({ database })
    this.#database = database
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.#database })
  }
}
