// A tiny job kind for the jobs tests: creates `rows` customers named `行0…`, `batch` per step, each step
// committing its customers with the checkpoint that says how far it got.
import { parseInput } from '@kehu/core'
import { z } from 'zod'
import { createCustomerInTx } from '../customers/create-customer.js'
import type { JobKind } from '../jobs/job-kind.js'

const RowsParams = z.object({
  rows: z.number().int().min(0),
  batch: z.number().int().min(1),
  /** A pause after each step, so a test can act while the job runs. */
  pauseMs: z.number().int().min(0).optional(),
  resumeKey: z.string().optional(),
})
type RowsParams = z.infer<typeof RowsParams>

export const rowsJob: JobKind<RowsParams, { written: number; resumedAt: number }> = {
  kind: 'test-rows',
  permission: 'customer:create',
  parse: (p) => parseInput(RowsParams, p, 'JOB_INVALID'),
  async run({ ctx, job, params, step }) {
    const resumedAt = (job.checkpoint as { row: number } | null)?.row ?? 0
    for (let row = resumedAt; row < params.rows; ) {
      const end = Math.min(row + params.batch, params.rows)
      const from = row
      await step(
        async (tx) => {
          for (let i = from; i < end; i++) await createCustomerInTx(ctx, tx, { name: `行${i}` })
        },
        { checkpoint: { row: end }, progress: { phase: 'rows', done: end, total: params.rows, written: end } },
      )
      row = end
      if (params.pauseMs) await new Promise((r) => setTimeout(r, params.pauseMs))
    }
    return { written: params.rows - resumedAt, resumedAt }
  },
}
