import type { ImportMappingRepo } from '@kehu/core'
import { json, toJson } from '../rows/values.js'
import type { Q } from './query.js'

/** Saved import mappings: one row per tenant and name, written over when saved again. */
export function importMappings(q: Q): ImportMappingRepo {
  return {
    list: async (tenantId) =>
      (
        await q.selectFrom('import_mapping').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute()
      ).map((r) => ({
        name: r.name,
        mapping: json(r.mapping),
        updatedBy: r.updated_by,
        updatedAt: String(r.updated_at),
      })),
    get: async (tenantId, name) => {
      const r = await q
        .selectFrom('import_mapping')
        .select(['name', 'mapping'])
        .where('tenant_id', '=', tenantId)
        .where('name', '=', name)
        .executeTakeFirst()
      return r && { name: r.name, mapping: json(r.mapping) }
    },
    put: async (tenantId, name, mapping, by, at) => {
      const row = { mapping: toJson(mapping), updated_by: by, updated_at: at }
      await q
        .insertInto('import_mapping')
        .values({ tenant_id: tenantId, name, ...row })
        .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet(row))
        .execute()
    },
    remove: async (tenantId, name) => {
      const r = await q
        .deleteFrom('import_mapping')
        .where('tenant_id', '=', tenantId)
        .where('name', '=', name)
        .executeTakeFirst()
      return Number(r.numDeletedRows) > 0
    },
  }
}
