import type { Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type { Database } from '../schema.js'

/** What a repository queries through: the database or an open transaction. */
export type Q = Kysely<Database> | Transaction<Database>

type Table = keyof Database
type TenantTable = { [T in Table]: Database[T] extends { tenant_id: string } ? T : never }[Table]
/** Tables keyed by `(tenant_id, id)`. */
type KeyedTable = { [T in Table]: Database[T] extends { tenant_id: string; id: string } ? T : never }[Table]
type Row<T extends Table> = Selectable<Database[T]>

/** Columns to match; on a tenant table the tenant is always one of them, so no lookup can cross tenants. */
type Match<T extends Table> = Partial<Row<T>> & (T extends TenantTable ? { tenant_id: string } : unknown)

// The helpers build their statements over column names they are given; the types above keep the callers exact.
type AnyDb = Record<string, Record<string, unknown>>
const loose = (q: Q) => q as unknown as Kysely<AnyDb>

const matching = <T extends Table>(q: Q, table: T, match: Match<T>) => {
  let query = loose(q).selectFrom(table).selectAll()
  for (const [col, v] of Object.entries(match)) query = query.where(col, '=', v)
  return query
}

/** The one row of `table` whose columns equal `match`, mapped by `of`; undefined when there is none. */
export async function oneRow<T extends Table, R>(
  q: Q,
  table: T,
  match: Match<T>,
  of: (r: Row<T>) => R,
): Promise<R | undefined> {
  const r = await matching(q, table, match).executeTakeFirst()
  return r === undefined ? undefined : of(r as Row<T>)
}

/** Every row of `table` whose columns equal `match`, sorted by the `order` columns, mapped by `of`. */
export async function allRows<T extends Table, R>(
  q: Q,
  table: T,
  match: Match<T>,
  order: (keyof Row<T> & string)[],
  of: (r: Row<T>) => R,
): Promise<R[]> {
  let query = matching(q, table, match)
  for (const col of order) query = query.orderBy(col)
  return (await query.execute()).map((r) => of(r as Row<T>))
}

/** Writes `row` over the tenant's row with the same id, leaving its creation time as it was. */
export async function updateRow<T extends KeyedTable>(q: Q, table: T, row: Insertable<Database[T]>): Promise<void> {
  const { tenant_id, id, created_at: _c, ...rest } = row as { tenant_id: string; id: string; created_at?: string }
  await loose(q)
    .updateTable(table as KeyedTable)
    .set(rest)
    .where('tenant_id', '=', tenant_id)
    .where('id', '=', id)
    .execute()
}

/** Deletes the tenant's row with this id (tables keyed by `(tenant_id, id)`). */
export async function deleteRow(q: Q, table: KeyedTable, tenantId: string, id: string): Promise<void> {
  await loose(q).deleteFrom(table).where('tenant_id', '=', tenantId).where('id', '=', id).execute()
}

/** Runs `fn` over `ids` in slices small enough for any driver's parameter limit. */
export async function inSlices(ids: readonly string[], fn: (slice: string[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await fn(ids.slice(i, i + 500))
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Whether `id` can name a row of a uuid column (PostgreSQL refuses to compare anything else). */
export const isUuid = (id: string) => UUID.test(id)
