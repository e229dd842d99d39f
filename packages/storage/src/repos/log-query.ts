import type { LogQuery } from '@kehu/core'
import { type ExpressionBuilder, type Selectable, type SelectQueryBuilder, sql } from 'kysely'
import type { Database } from '../schema.js'

type LogTable = 'audit_event' | 'access_event'
type LogSelect<T extends LogTable> = SelectQueryBuilder<Database, T, Selectable<Database[T]>>

// `%`, `_` and the escape itself are literal in what the caller typed.
const likePattern = (part: string) => `%${part.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * The filters, the keyset cursor and the newest-first order every log search shares: `(at, id)` descending,
 * so a page starts right after the last row of the one before, however many rows share an instant.
 */
export function logPage<T extends LogTable>(query: LogSelect<T>, q: LogQuery): LogSelect<T> {
  // Both tables have these columns; the casts let one function build the statement for either.
  let s = query as unknown as LogSelect<'audit_event'>
  if (q.actor?.trim()) s = s.where(sql<boolean>`lower(actor) like ${likePattern(q.actor.trim())} escape '\\'`)
  if (q.actions) s = q.actions.length === 0 ? s.where(sql<boolean>`1 = 0`) : s.where('action', 'in', q.actions)
  if (q.from) s = s.where('at', '>=', q.from)
  if (q.to) s = s.where('at', '<', q.to)
  const before = q.before
  if (before)
    s = s.where((e: ExpressionBuilder<Database, 'audit_event'>) =>
      e.or([e('at', '<', before.at), e.and([e('at', '=', before.at), e('id', '<', before.id)])]),
    )
  return s.orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit) as unknown as LogSelect<T>
}
