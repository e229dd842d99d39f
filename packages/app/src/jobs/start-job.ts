import { assertCan, type Job } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { newJob } from './internal/new-job.js'
import type { AnyJobKind } from './job-kind.js'

/** Queues a job of `kind` for a runner (`kehu serve`); checks the kind's permission and its parameters first. */
export async function startJob(
  { deps, actor, tenant: tenantCode }: RequestContext,
  kind: AnyJobKind,
  params: unknown,
): Promise<Job> {
  assertCan(actor, kind.permission)
  const parsed = kind.parse(params)
  const job = await deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const job = newJob(deps, actor, tenant.id, kind.kind, parsed)
    await tx.jobs.insert(job)
    await tx.audit.append(auditEvent(deps, actor, tenant.id, 'job.started', 'job', job.id, { kind: kind.kind }))
    return job
  })
  deps.jobQueued?.()
  return job
}
