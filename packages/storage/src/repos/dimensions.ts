import {
  ATTRIBUTE_CODE_PATTERN,
  type AttributeDef,
  type AttributeRepo,
  type DimensionRepo,
  type DimensionType,
  type Filter,
} from '@kehu/core'
import { type Selectable, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import { b, bool, json, num, type Q, toJson } from '../rows.js'
import type { Database } from '../schema.js'

const dimensionOf = (r: Selectable<Database['dimension']>): DimensionType => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description ?? '',
  enabled: bool(r.enabled),
  appliesTo: (json(r.applies_to) ?? null) as Filter | null,
  position: num(r.position),
})

type AttributeRow = Selectable<Database['attribute']> & { scheme_code: string | null }

// PostgreSQL hands jsonb back parsed; a default that is a JSON string must not be parsed again.
const attributeOf = (r: AttributeRow, kind: DialectKind): AttributeDef => ({
  id: r.id,
  dimensionId: r.dimension_id,
  code: r.code,
  name: r.name,
  type: r.type as AttributeDef['type'],
  precision: num(r.precision),
  required: bool(r.required),
  defaultValue: (kind === 'postgresql' ? r.default_value : json(r.default_value)) ?? null,
  constraints: (json(r.constraints) ?? {}) as AttributeDef['constraints'],
  options: (json(r.options) ?? []) as AttributeDef['options'],
  ...(r.scheme_code ? { referenceScheme: r.scheme_code } : {}),
  unique: bool(r.is_unique),
  indexed: bool(r.indexed),
  position: num(r.position),
  enabled: bool(r.enabled),
})

export function dimensions(q: Q): DimensionRepo {
  const row = (tenantId: string, d: DimensionType, now: string) => ({
    tenant_id: tenantId,
    id: d.id,
    code: d.code,
    name: d.name,
    description: d.description,
    enabled: b(d.enabled),
    applies_to: d.appliesTo === null ? null : toJson(d.appliesTo),
    position: d.position,
    created_at: now,
    updated_at: now,
  })
  const one = async (tenantId: string, col: 'id' | 'code', v: string) => {
    const r = await q
      .selectFrom('dimension')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where(col, '=', v)
      .executeTakeFirst()
    return r && dimensionOf(r)
  }
  return {
    list: async (tenantId) =>
      (
        await q
          .selectFrom('dimension')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .orderBy('position')
          .orderBy('code')
          .execute()
      ).map(dimensionOf),
    byCode: (tenantId, code) => one(tenantId, 'code', code),
    byId: (tenantId, id) => one(tenantId, 'id', id),
    insert: async (tenantId, d, now) => {
      await q
        .insertInto('dimension')
        .values(row(tenantId, d, now))
        .execute()
    },
    update: async (tenantId, d, now) => {
      const { created_at: _c, tenant_id: _t, id: _i, ...rest } = row(tenantId, d, now)
      await q.updateTable('dimension').set(rest).where('tenant_id', '=', tenantId).where('id', '=', d.id).execute()
    },
    delete: async (tenantId, id) => {
      await q.deleteFrom('dimension').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
    },
  }
}

/** The index name of an indexed attribute; the code is checked so it is safe to interpolate. */
function indexName(code: string): string {
  if (!ATTRIBUTE_CODE_PATTERN.test(code)) throw new Error(`Not an attribute code: ${code}`)
  return `customer_attr_${code.toLowerCase()}_ix`
}

export function attributes(q: Q, kind: DialectKind): AttributeRepo {
  const schemeId = async (tenantId: string, code: string | undefined) => {
    if (!code) return null
    const r = await q
      .selectFrom('class_scheme')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('code', '=', code)
      .executeTakeFirst()
    if (!r) throw new Error(`Unknown scheme ${code}`)
    return r.id
  }
  const row = async (tenantId: string, a: AttributeDef, now: string) => ({
    tenant_id: tenantId,
    id: a.id,
    dimension_id: a.dimensionId,
    code: a.code,
    name: a.name,
    type: a.type,
    precision: a.precision,
    required: b(a.required),
    default_value: a.defaultValue === null || a.defaultValue === undefined ? null : toJson(a.defaultValue),
    constraints: toJson(a.constraints ?? {}),
    options: toJson(a.options ?? []),
    reference_scheme_id: await schemeId(tenantId, a.referenceScheme),
    is_unique: b(a.unique),
    indexed: b(a.indexed),
    position: a.position,
    enabled: b(a.enabled),
    created_at: now,
    updated_at: now,
  })
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
    update: async (tenantId, a, now) => {
      const { created_at: _c, tenant_id: _t, id: _i, ...rest } = await row(tenantId, a, now)
      await q.updateTable('attribute').set(rest).where('tenant_id', '=', tenantId).where('id', '=', a.id).execute()
    },
    delete: async (tenantId, id) => {
      await q.deleteFrom('attribute_unique').where('tenant_id', '=', tenantId).where('attribute_id', '=', id).execute()
      await q.deleteFrom('attribute').where('tenant_id', '=', tenantId).where('id', '=', id).execute()
    },
    heldValues: async (tenantId, code, afterId, limit) => {
      let query = q
        .selectFrom('customer')
        .select(['id', 'code', 'attributes'])
        .where('tenant_id', '=', tenantId)
        .where(attrValue(code), 'is not', null)
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
    countHeld: async (tenantId, code) => {
      const query = q
        .selectFrom('customer')
        .select(sql<number>`count(*)`.as('n'))
        .where('tenant_id', '=', tenantId)
        .where(attrValue(code), 'is not', null)
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
