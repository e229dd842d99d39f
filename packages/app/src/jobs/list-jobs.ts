import { assertCan, JOB_STATUSES, parseInput } from '@kehu/core'
import { z } from 'zod'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { seesAllJobs } from './internal/visible-job.js'
import { type JobView, jobView } from './job-view.js'

export const ListJobsInput = z.object({
  kind: z.string().max(100).optional(),
  status: z.array(z.enum(JOB_STATUSES)).max(5).optional(),
  /** Only the caller's own jobs (an administrator sees everyone's otherwise). */
  mine: z.boolean().optional(),
  limit: z.number().int().min(1).max(200).optional(),
  /** The id of the last job of the previous page. */
  before: z.string().max(100).optional(),
})
export type ListJobsInput = z.input<typeof ListJobsInput>

/** The tenant's jobs, newest first: an administrator's list has everyone's, anyone else's only their own. */
export async function listJobs(
  { deps, actor, tenant, lang }: RequestContext,
  raw: ListJobsInput = {},
): Promise<JobView[]> {
  assertCan(actor, 'tenant:read')
  const input = parseInput(ListJobsInput, raw, 'JOB_INVALID')
  return deps.store.read(async (tx) => {
    const tenantId = (await resolveTenant(tx, tenant)).id
    const after = input.before === undefined ? undefined : await tx.jobs.byId(tenantId, input.before)
    const jobs = await tx.jobs.list(tenantId, {
      createdBy: input.mine || !seesAllJobs(actor) ? actor.userId : undefined,
      kind: input.kind,
      status: input.status,
      before: after && { createdAt: after.createdAt, id: after.id },
      limit: input.limit ?? 50,
    })
    return jobs.map((j) => jobView(j, lang))
  })
}
