import { assertCan, isFinished } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { visibleJob } from './internal/visible-job.js'
import { type JobView, jobView } from './job-view.js'

/**
 * Cancels a job: a queued one at once, a running one at its next step (the work it committed stays). A
 * finished job is returned as it is.
 */
export async function cancelJob({ deps, actor, tenant, lang }: RequestContext, id: string): Promise<JobView> {
  assertCan(actor, 'tenant:read')
  return deps.store.transaction(async (tx) => {
    const tenantId = (await resolveTenant(tx, tenant)).id
    const job = await visibleJob(tx, actor, tenantId, id)
    if (isFinished(job.status) || job.cancelRequested) return jobView(job, lang)
    const after = (await tx.jobs.requestCancel(tenantId, id, deps.clock.now().toISOString())) ?? job
    await tx.audit.append(
      auditEvent(deps, actor, tenantId, 'job.cancelled', 'job', id, { kind: job.kind, status: after.status }),
    )
    return jobView(after, lang)
  })
}
