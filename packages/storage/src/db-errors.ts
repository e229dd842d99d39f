import { AppError, text } from '@kehu/core'

/**
 * The driver errors a person can act on, as AppErrors: a database busy past its lock timeout or a
 * dropped connection (unavailable: try again), and a unique key the database itself refused (conflict).
 * Everything else passes through unchanged and becomes a 500 with a request id.
 */
export function translateDbError(e: unknown): unknown {
  if (e instanceof AppError || !(e instanceof Error)) return e
  const code = (e as { code?: string }).code ?? ''
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === '55P03' || code === '40P01' || code === '40001')
    return new AppError(
      'unavailable',
      'DATABASE_BUSY',
      text(
        '数据库正忙（其他写入占用了锁），请稍后重试',
        'The database is busy (another write holds the lock); try again shortly',
      ),
      { cause: e },
    )
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '08006' || code === '08001')
    return new AppError(
      'unavailable',
      'DATABASE_UNREACHABLE',
      text(`数据库连接中断：${e.message}`, `The database connection was lost: ${e.message}`),
      { cause: e },
    )
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return new AppError(
      'conflict',
      'DUPLICATE_VALUE',
      text(
        '与已有数据重复（可能是同时提交的另一请求），请刷新后重试',
        'This duplicates existing data (perhaps a request sent at the same time); reload and try again',
      ),
      { cause: e },
    )
  return e
}
