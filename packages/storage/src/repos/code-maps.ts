import type { CodeMapRepo } from '@kehu/core'
import { codeMapOf, codeMapRow } from '../rows/code-map.js'
import { allRows, oneRow, type Q, updateRow } from './query.js'

/** Value → short-code tables that code rules map field values through. */
export function codeMaps(q: Q): CodeMapRepo {
  return {
    list: (tenantId) => allRows(q, 'code_map', { tenant_id: tenantId }, ['name'], codeMapOf),
    byName: (tenantId, name) => oneRow(q, 'code_map', { tenant_id: tenantId, name }, codeMapOf),
    insert: async (m) => {
      await q.insertInto('code_map').values(codeMapRow(m)).execute()
    },
    update: (m) => updateRow(q, 'code_map', codeMapRow(m)),
  }
}
