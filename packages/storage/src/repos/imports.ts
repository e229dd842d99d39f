import type { ImportRepo } from '@kehu/core'
import { json, num, toJson } from '../rows/values.js'
import type { Q } from './query.js'

/** An import job's tally and bad rows, written batch by batch in the batch's transaction. */
export function imports(q: Q): ImportRepo {
  return {
    appendErrors: async (tenantId, jobId, rows) => {
      // 5 parameters a row: slices stay far below SQLite's and PostgreSQL's limits
      for (let i = 0; i < rows.length; i += 200)
        await q
          .insertInto('import_row_error')
          .values(
            rows.slice(i, i + 200).map((r) => ({
              tenant_id: tenantId,
              job_id: jobId,
              row: r.row,
              cells: toJson(r.cells),
              errors: r.errors,
            })),
          )
          .execute()
    },
    errors: async (tenantId, jobId, afterRow, limit) =>
      (
        await q
          .selectFrom('import_row_error')
          .select(['row', 'cells', 'errors'])
          .where('tenant_id', '=', tenantId)
          .where('job_id', '=', jobId)
          .where('row', '>', afterRow)
          .orderBy('row')
          .limit(limit)
          .execute()
      ).map((r) => ({ row: num(r.row), cells: json(r.cells) as string[], errors: r.errors })),
    saveState: async (tenantId, jobId, state) => {
      await q
        .insertInto('import_state')
        .values({ tenant_id: tenantId, job_id: jobId, state: toJson(state) })
        .onConflict((oc) => oc.columns(['tenant_id', 'job_id']).doUpdateSet({ state: toJson(state) }))
        .execute()
    },
    state: async (tenantId, jobId) => {
      const r = await q
        .selectFrom('import_state')
        .select('state')
        .where('tenant_id', '=', tenantId)
        .where('job_id', '=', jobId)
        .executeTakeFirst()
      return r ? json(r.state) : undefined
    },
  }
}
