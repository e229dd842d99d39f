import type { DimensionRepo } from '@kehu/core'
import { dimensionOf, dimensionRow } from '../rows/dimension.js'
import { allRows, deleteRow, oneRow, type Q, updateRow } from './query.js'

/** Dimension types: named groups of user-defined attributes. */
export function dimensions(q: Q): DimensionRepo {
  return {
    list: (tenantId) => allRows(q, 'dimension', { tenant_id: tenantId }, ['position', 'code'], dimensionOf),
    byCode: (tenantId, code) => oneRow(q, 'dimension', { tenant_id: tenantId, code }, dimensionOf),
    byId: (tenantId, id) => oneRow(q, 'dimension', { tenant_id: tenantId, id }, dimensionOf),
    insert: async (tenantId, d, now) => {
      await q
        .insertInto('dimension')
        .values(dimensionRow(tenantId, d, now))
        .execute()
    },
    update: (tenantId, d, now) => updateRow(q, 'dimension', dimensionRow(tenantId, d, now)),
    delete: (tenantId, id) => deleteRow(q, 'dimension', tenantId, id),
  }
}
