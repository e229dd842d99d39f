import { ATTRIBUTE_CODE_PATTERN, type AttributeDef, type AttributeRepo } from '@kehu/core'
import { sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import { attributeOf, attributeRow } from '../rows/attribute.js'
import { json, num, toJson } from '../rows/values.js'
import { deleteRow, oneRow, type Q, updateRow } from './query.js'
import { visibleCustomerIds } from './visible.js'

/** The index name of an indexed attribute; the code is checked so it is safe to interpolate. */
function indexName(code: string): string {
  if (!ATTRIBUTE_CODE_PATTERN.test(code)) throw new Error(`Not an attribute code: ${code}`)
  return `customer_attr_${code.toLowerCase()}_ix`
}

/** Attribute definitions, their unique-value claims and the expression indexes of indexed ones. */
export function attributes(q: Q, kind: DialectKind): AttributeRepo {
  const schemeId = async (tenantId: string, code: string | undefined) => {
    if (!code) return null
    const id = await oneRow(q, 'class_scheme', { tenant_id: tenantId, code }, (r) => r.id)
    if (!id) throw new Error(`Unknown scheme ${code}`)
    return id
  }
  const row = async (tenantId: string, a: AttributeDef, now: string) =>
    attributeRow(tenantId, a, await schemeId(tenantId, a.referenceScheme), now)
  const select = (tenantId: string) =>
    q
      .selectFrom('attribute')
      .innerJoin('dimension', (j) =>
        j.onRef('dimension.tenant_id', '=', 'attribute.tenant_id').onRef('dimension.id', '=', 'attribute.dimension_id'),
      )
      .leftJoin('class_scheme', (j) =>
        j
          .onRef('class_scheme.tenant_id', '=', 'attribute.tenant_id')
          .onRef('class_scheme.id', '=', 'attribute.reference_scheme_id'),
      )
      .selectAll('attribute')
      .select('class_scheme.code as scheme_code')
      .where('attribute.tenant_id', '=', tenantId)
  // One attribute's value as SQL (NULL when absent or JSON null on both databases).
  const attrValue = (code: string) =>
    kind === 'postgresql'
      ? sql<string | null>`(customer.attributes ->> ${code}::text)`
      : sql<string | null>`json_extract(customer.attributes, ${`$."${code}"`})`
  return {
    list: async (tenantId) =>
      (
        await select(tenantId)
          .orderBy('dimension.position')
          .orderBy('dimension.code')
          .orderBy('attribute.position')
          .orderBy('attribute.code')
          .execute()
      ).map((r) => attributeOf(r, kind)),
    byCode: async (tenantId, code) => {
      const r = await select(tenantId).where('attribute.code', '=', code).executeTakeFirst()
      return r && attributeOf(r, kind)
    },
    insert: async (tenantId, a, now) => {
      await q
        .insertInto('attribute')
        .values(await row(tenantId, a, now))
        .execute()
    },
    update: async (tenantId, a, now) => updateRow(q, 'attribute', await row(tenantId, a, now)),
    delete: async (tenantId, id) => {
      await q.deleteFrom('attribute_unique').where('tenant_id', '=', tenantId).where('attribute_id', '=', id).execute()
      await deleteRow(q, 'attribute', tenantId, id)
    },
    heldValues: async (tenantId, visible, code, afterId, limit) => {
      let query = q
        .selectFrom('customer')
        .select(['id', 'code', 'attributes'])
        .where('tenant_id', '=', tenantId)
        .where(attrValue(code), 'is not', null)
      const shown = visibleCustomerIds('customer.id', tenantId, visible)
      if (shown) query = query.where(shown)
      if (afterId !== null) query = query.where('id', '>', afterId)
      const rows = await query.orderBy('id').limit(limit).execute()
      return rows
        .map((r) => ({
          customerId: r.id,
          code: r.code,
          value: ((json(r.attributes) ?? {}) as Record<string, unknown>)[code],
        }))
        .filter((v) => v.value !== null && v.value !== undefined)
    },
    countHeld: async (tenantId, visible, code) => {
      let query = q
        .selectFrom('customer')
        .select(sql<number>`count(*)`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where(attrValue(code), 'is not', null)
      const shown = visibleCustomerIds('customer.id', tenantId, visible)
      if (shown) query = query.where(shown)
      const r = await query.executeTakeFirstOrThrow()
      return num(r.n)
    },
    writeValues: async (tenantId, code, values, now) => {
      if (values.length === 0) return
      const ids = values.map((v) => v.customerId)
      const rows = await q
        .selectFrom('customer')
        .select(['id', 'attributes'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids)
        .execute()
      const byId = new Map(values.map((v) => [v.customerId, v.value]))
      for (const r of rows) {
        const attrs = { ...((json(r.attributes) ?? {}) as Record<string, unknown>) }
        const v = byId.get(r.id)
        if (v === null || v === undefined) delete attrs[code]
        else attrs[code] = v
        await q
          .updateTable('customer')
          .set({ attributes: toJson(attrs), updated_at: now, version: sql`version + 1` })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', r.id)
          .execute()
      }
    },
    ensureIndex: async (code) => {
      const name = indexName(code)
      const expr = kind === 'postgresql' ? `(attributes->>'${code}')` : `json_extract(attributes, '$."${code}"')`
      await sql.raw(`create index if not exists "${name}" on customer (tenant_id, ${expr})`).execute(q)
    },
    dropIndex: async (code) => {
      await sql.raw(`drop index if exists "${indexName(code)}"`).execute(q)
    },
    claimUnique: async (tenantId, attributeId, valueKey, customerId) => {
      const inserted = await q
        .insertInto('attribute_unique')
        .values({ tenant_id: tenantId, attribute_id: attributeId, value_key: valueKey, customer_id: customerId })
        .onConflict((oc) => oc.columns(['tenant_id', 'attribute_id', 'value_key']).doNothing())
        .returning('customer_id')
        .executeTakeFirst()
      if (inserted) return undefined
      const holder = await q
        .selectFrom('attribute_unique')
        .select('customer_id')
        .where('tenant_id', '=', tenantId)
        .where('attribute_id', '=', attributeId)
        .where('value_key', '=', valueKey)
        .executeTakeFirst()
      return holder && holder.customer_id !== customerId ? holder.customer_id : undefined
    },
    releaseUniques: async (tenantId, customerId, attributeId) => {
      let query = q
        .deleteFrom('attribute_unique')
        .where('tenant_id', '=', tenantId)
        .where('customer_id', '=', customerId)
      if (attributeId) query = query.where('attribute_id', '=', attributeId)
      await query.execute()
    },
    clearUniques: async (tenantId, attributeId) => {
      await q
        .deleteFrom('attribute_unique')
        .where('tenant_id', '=', tenantId)
        .where('attribute_id', '=', attributeId)
        .execute()
    },
  }
}
