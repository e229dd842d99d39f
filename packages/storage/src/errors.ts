import { errorCatalog } from '@kehu/core'

/** The storage's error codes: configuration, connection, locks and migrations. */
export const STORAGE_ERRORS = errorCatalog({
  CONFIG_DATABASE_URL: {
    kind: 'invalid',
    zh: '数据库地址无效（应以 postgres:// 开头；不设则用内置 SQLite）',
    en: 'The database URL is not valid (postgres://…; unset for the embedded SQLite)',
  },
  DATABASE_UNREACHABLE: { kind: 'unavailable', zh: '无法连接数据库', en: 'The database cannot be reached' },
  DATABASE_UNREADABLE: { kind: 'unavailable', zh: '无法打开数据库文件', en: 'The database file cannot be opened' },
  DATA_DIR_UNWRITABLE: { kind: 'unavailable', zh: '数据目录不可写', en: 'The data folder is not writable' },
  DATABASE_BUSY: {
    kind: 'unavailable',
    zh: '数据库正忙（其他写入占用了锁），请稍后重试',
    en: 'The database is busy (another write holds the lock); try again shortly',
  },
  DATABASE_MIGRATION_FAILED: { kind: 'unavailable', zh: '数据库迁移失败', en: 'A database migration failed' },
  DUPLICATE_VALUE: {
    kind: 'conflict',
    zh: '与已有数据重复（可能是同时提交的另一请求），请刷新后重试',
    en: 'This duplicates existing data (perhaps a request sent at the same time); reload and try again',
  },
})

declare module '@kehu/core' {
  interface ErrorCatalogs {
    storage: typeof STORAGE_ERRORS
  }
}
