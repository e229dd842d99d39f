import type { SchemeRepo } from '@kehu/core'
import { schemeOf, schemeRow } from '../rows/scheme.js'
import { allRows, oneRow, type Q, updateRow } from './query.js'

/** Classification schemes, in their display order. */
export function schemes(q: Q): SchemeRepo {
  return {
    list: (tenantId) => allRows(q, 'class_scheme', { tenant_id: tenantId }, ['position'], schemeOf),
    byCode: (tenantId, code) => oneRow(q, 'class_scheme', { tenant_id: tenantId, code }, schemeOf),
    byId: (tenantId, id) => oneRow(q, 'class_scheme', { tenant_id: tenantId, id }, schemeOf),
    insert: async (s, now) => {
      await q.insertInto('class_scheme').values(schemeRow(s, now)).execute()
    },
    update: (s, now) => updateRow(q, 'class_scheme', schemeRow(s, now)),
  }
}
