import { AppError, assertCan, conflict, type Job, type JobProgress, text } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { executeJob, jobCancelled, jobErrorOf, jobStopped } from './internal/execute-job.js'
import { newJob } from './internal/new-job.js'
import { isAbandoned, processOwner } from './internal/owner.js'
import { seesAllJobs } from './internal/visible-job.js'
import { DEFAULT_LEASE, type JobKind, type LeaseOptions, resumeKeyOf } from './job-kind.js'

export interface ForegroundOptions {
  lease?: LeaseOptions
  /** Aborted (e.g. on Ctrl-C): the job is given back at its last checkpoint, and a re-run resumes it. */
  stop?: AbortSignal
}

/**
 * Runs a job here and now (the CLI), held by this process (`host:pid`). When an unfinished job of the same kind
 * and resume key exists, it is taken over — if nobody works on it any more (its lease ended, or its process on
 * this host died) — and resumes from its checkpoint; while its holder lives, the run is refused.
 */
export async function runJobInForeground<P, R>(
  { deps, actor, tenant: tenantCode }: RequestContext,
  kind: JobKind<P, R>,
  params: unknown,
  onProgress?: (p: JobProgress) => void,
  opts: ForegroundOptions = {},
): Promise<{ job: Job; result: R }> {
  assertCan(actor, kind.permission)
  const parsed = kind.parse(params)
  const lease = opts.lease ?? DEFAULT_LEASE
  const owner = processOwner()
  const job = await deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const now = deps.clock.now()
    const leaseUntil = new Date(now.getTime() + lease.leaseMs).toISOString()
    const key = resumeKeyOf(parsed)
    const open = key === null ? undefined : await tx.jobs.unfinished(tenant.id, kind.kind, key)
    if (open && (open.createdBy === actor.userId || seesAllJobs(actor))) {
      const taken =
        isAbandoned(open, now) &&
        (await tx.jobs.takeOver(tenant.id, open.id, open.leaseOwner, owner, now.toISOString(), leaseUntil))
      if (!taken)
        throw conflict(
          'JOB_BUSY',
          text(
            `同样的任务正由 ${open.leaseOwner} 运行（任务 ${open.id}）`,
            `The same job is running in ${open.leaseOwner} (job ${open.id})`,
          ),
          { job: open.id },
        )
      return taken
    }
    const job = newJob(deps, actor, tenant.id, kind.kind, parsed, { owner, leaseUntil })
    await tx.jobs.insert(job)
    await tx.audit.append(auditEvent(deps, actor, tenant.id, 'job.started', 'job', job.id, { kind: kind.kind }))
    return job
  })
  if (job.checkpoint !== null) onProgress?.(job.progress)
  const end = await executeJob(deps, kind, job, owner, { lease, stop: opts.stop, onProgress })
  const now = async () => (await deps.store.read((tx) => tx.jobs.byId(job.tenantId, job.id))) ?? job
  switch (end.status) {
    case 'done':
      return { job: await now(), result: end.result as R }
    case 'failed':
      if (end.error instanceof AppError) throw end.error
      throw new AppError('unavailable', 'JOB_FAILED', jobErrorOf(end.error).message, { cause: end.error })
    case 'cancelled':
      throw jobCancelled()
    case 'released':
      throw jobStopped()
    case 'lost':
      throw new AppError(
        'unavailable',
        'JOB_LEASE_LOST',
        text('任务已被另一进程接手', 'Another process took the job over'),
      )
  }
}
