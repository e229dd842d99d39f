import type { Customer, CustomerFilterQuery, CustomerRepo, Visibility } from '@kehu/core'
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import { customerClassRows, customerOf, customerRow } from '../rows/customer.js'
import { num } from '../rows/values.js'
import type { CustomerTable, Database } from '../schema.js'
import { deleteRow, inSlices, type Q } from './query.js'
import { visibleCustomerIds } from './visible.js'

/** Each customer's classes (scheme id → node id), read in slices. */
async function classesOf(q: Q, tenantId: string, ids: string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>()
  await inSlices(ids, async (slice) => {
    const rows = await q
      .selectFrom('customer_class')
      .select(['customer_id', 'scheme_id', 'node_id'])
      .where('tenant_id', '=', tenantId)
      .where('customer_id', 'in', slice)
      .execute()
    for (const r of rows) {
      const m = out.get(r.customer_id) ?? {}
      m[r.scheme_id] = r.node_id
      out.set(r.customer_id, m)
    }
  })
  return out
}

/** Narrows a query over `customer` to the customers the caller may see. */
function onlyVisible<Q extends SelectQueryBuilder<Database, 'customer', object>>(
  query: Q,
  tenantId: string,
  visible: Visibility,
): Q {
  const shown = visibleCustomerIds('customer.id', tenantId, visible)
  return shown ? (query.where(shown) as Q) : query
}

/** Customers with their classes; the stored search key comes from `pinyinOf`. */
export function customers(q: Q, kind: DialectKind, pinyinOf: (c: Customer) => string | null): CustomerRepo {
  const like = kind === 'postgresql' ? 'ilike' : 'like'
  const insertClasses = async (c: Customer) => {
    const rows = customerClassRows(c)
    if (rows.length > 0) await q.insertInto('customer_class').values(rows).execute()
  }
  const oneVisible = (tenantId: string, visible: Visibility, column: 'id' | 'uscc', value: string) =>
    onlyVisible(
      q.selectFrom('customer').selectAll('customer').where('customer.tenant_id', '=', tenantId),
      tenantId,
      visible,
    )
      .where(`customer.${column}`, '=', value)
      .executeTakeFirst()
  const withClasses = async (r: Selectable<CustomerTable> | undefined) =>
    r && customerOf(r, (await classesOf(q, r.tenant_id, [r.id])).get(r.id) ?? {})
  /** The customers a query's filter (visibility, text, status, nodes) lets through. */
  const filtered = (tenantId: string, visible: Visibility, query: CustomerFilterQuery) => {
    let base = onlyVisible(q.selectFrom('customer').where('customer.tenant_id', '=', tenantId), tenantId, visible)
    const term = query.q?.trim()
    if (term) {
      const text = `%${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`
      const upper = term.toUpperCase()
      base = base.where((eb) =>
        eb.or([
          eb('customer.name', like, sql<string>`${text} escape '\\'`),
          eb('customer.short_name', like, sql<string>`${text} escape '\\'`),
          eb('customer.mnemonic', 'like', `${upper.replace(/[%_\\]/g, '')}%`),
          eb('customer.pinyin', 'like', `%${term.toLowerCase().replace(/[%_\\\s]/g, '')}%`),
          ...(query.matchSensitive ? [eb('customer.uscc', 'like', `${upper.replace(/[%_\\\s]/g, '')}%`)] : []),
          ...(query.matchSensitive && /^[\d\s()+-]{4,}$/.test(term)
            ? [eb('customer.phone', 'like', `%${term.replace(/[^\d-]/g, '')}%`)]
            : []),
          eb(
            'customer.id',
            'in',
            eb
              .selectFrom('customer_code')
              .select('customer_code.customer_id')
              .where('customer_code.tenant_id', '=', tenantId)
              .where('customer_code.code', 'like', `${upper.replace(/[%_\\]/g, '')}%`),
          ),
        ]),
      )
    }
    if (query.status && query.status.length > 0) base = base.where('customer.status', 'in', query.status)
    for (const [schemeId, nodeIds] of Object.entries(query.nodes ?? {})) {
      if (nodeIds.length === 0) continue
      base = base.where('customer.id', 'in', (eb) =>
        eb
          .selectFrom('customer_class')
          .select('customer_class.customer_id')
          .where('customer_class.tenant_id', '=', tenantId)
          .where('customer_class.scheme_id', '=', schemeId)
          .where('customer_class.node_id', 'in', nodeIds),
      )
    }
    return base
  }
  return {
    insert: async (c) => {
      await q
        .insertInto('customer')
        .values(customerRow(c, pinyinOf(c)))
        .execute()
      await insertClasses(c)
    },
    update: async (c, expectedVersion) => {
      const { tenant_id, id, created_at: _c, created_by: _b, ...rest } = customerRow(c, pinyinOf(c))
      const r = await q
        .updateTable('customer')
        .set(rest)
        .where('tenant_id', '=', tenant_id)
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) === 0) return false
      await q.deleteFrom('customer_class').where('tenant_id', '=', c.tenantId).where('customer_id', '=', c.id).execute()
      await insertClasses(c)
      return true
    },
    byId: async (tenantId, visible, id) => withClasses(await oneVisible(tenantId, visible, 'id', id)),
    byUscc: async (tenantId, visible, uscc) => withClasses(await oneVisible(tenantId, visible, 'uscc', uscc)),
    find: async (tenantId, visible, query) => {
      const base = filtered(tenantId, visible, query)
      const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
      const rows =
        visible.kind === 'all' || kind === 'postgresql'
          ? await base.selectAll('customer').orderBy('customer.code').limit(query.limit).offset(query.offset).execute()
          : // Scoped on SQLite: the page's ids first, from the (tenant, code, id) index alone, then only those rows —
            // walking the rows in code order to test each id reads a row per customer skipped (bench: scopes).
            // PostgreSQL plans the semi-join well by itself.
            await q
              .selectFrom(
                base
                  .select(['customer.id as page_id', 'customer.code as page_code'])
                  .orderBy('customer.code')
                  .limit(query.limit)
                  .offset(query.offset)
                  .as('page'),
              )
              .innerJoin('customer', 'customer.id', 'page.page_id')
              .where('customer.tenant_id', '=', tenantId)
              .selectAll('customer')
              .orderBy('page.page_code')
              .execute()
      const classes = await classesOf(
        q,
        tenantId,
        rows.map((r) => r.id),
      )
      return { items: rows.map((r) => customerOf(r, classes.get(r.id) ?? {})), total: num(total.n) }
    },
    scan: async (tenantId, visible, query, afterId, limit) => {
      let base = filtered(tenantId, visible, query)
      if (afterId !== null) base = base.where('customer.id', '>', afterId)
      const rows = await base.selectAll('customer').orderBy('customer.id').limit(limit).execute()
      const classes = await classesOf(
        q,
        tenantId,
        rows.map((r) => r.id),
      )
      return rows.map((r) => customerOf(r, classes.get(r.id) ?? {}))
    },
    count: async (tenantId, visible) => {
      const r = await onlyVisible(
        q.selectFrom('customer').select(sql<number>`count(*)`.as('n')).where('customer.tenant_id', '=', tenantId),
        tenantId,
        visible,
      ).executeTakeFirstOrThrow()
      return num(r.n)
    },
    namesAfter: async (tenantId, afterId, limit) => {
      let query = q.selectFrom('customer').select(['id', 'name']).where('tenant_id', '=', tenantId)
      if (afterId !== null) query = query.where('id', '>', afterId)
      return query.orderBy('id').limit(limit).execute()
    },
    setNode: (tenantId, customerIds, schemeId, nodeId) =>
      inSlices(customerIds, async (ids) => {
        await q
          .deleteFrom('customer_class')
          .where('tenant_id', '=', tenantId)
          .where('scheme_id', '=', schemeId)
          .where('customer_id', 'in', ids)
          .execute()
        if (nodeId)
          await q
            .insertInto('customer_class')
            .values(
              ids.map((customer_id) => ({ tenant_id: tenantId, customer_id, scheme_id: schemeId, node_id: nodeId })),
            )
            .execute()
      }),
    repointNode: async (tenantId, fromNodeId, toNodeId) => {
      const r = await q
        .updateTable('customer_class')
        .set({ node_id: toNodeId })
        .where('tenant_id', '=', tenantId)
        .where('node_id', '=', fromNodeId)
        .executeTakeFirst()
      return Number(r.numUpdatedRows)
    },
    idsOnNodes: async (tenantId, visible, nodeIds) => {
      if (nodeIds.length === 0) return []
      let query = q
        .selectFrom('customer_class')
        .select('customer_id')
        .where('tenant_id', '=', tenantId)
        .where('node_id', 'in', nodeIds)
      const shown = visibleCustomerIds('customer_class.customer_id', tenantId, visible)
      if (shown) query = query.where(shown)
      const rows = await query.execute()
      return [...new Set(rows.map((r) => r.customer_id))]
    },
    referencesTo: async (tenantId, id) => {
      const r = await q
        .selectFrom('customer')
        .select(sql<number>`count(*)`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where('head_office_id', '=', id)
        .executeTakeFirstOrThrow()
      const out: Record<string, number> = {}
      if (num(r.n) > 0) out.branches = num(r.n)
      return out
    },
    delete: async (tenantId, id) => {
      for (const table of ['customer_class', 'attribute_unique', 'customer_code'] as const)
        await q.deleteFrom(table).where('tenant_id', '=', tenantId).where('customer_id', '=', id).execute()
      await deleteRow(q, 'customer', tenantId, id)
    },
  }
}
