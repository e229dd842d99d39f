import {
  type Actor,
  AppError,
  isAppError,
  type Job,
  type JobError,
  type JobOutcome,
  type JobProgress,
  text,
} from '@kehu/core'
import { resolveActor } from '../../access/resolve-actor.js'
import { auditEvent } from '../../audit/audit-event.js'
import type { RequestContext } from '../../context.js'
import type { Deps } from '../../deps.js'
import type { AnyJobKind, JobEnd, JobRun, LeaseOptions } from '../job-kind.js'

/** At most one progress write per this many milliseconds from `report`. */
const REPORT_EVERY_MS = 1000

export const jobCancelled = () => new AppError('conflict', 'JOB_CANCELLED', text('任务已取消', 'The job was cancelled'))
export const jobStopped = () =>
  new AppError(
    'unavailable',
    'JOB_STOPPED',
    text(
      '任务已暂停（进程退出），再次运行即从断点继续',
      'The job was paused (the process stopped); run it again to resume',
    ),
  )
const leaseLost = () =>
  new AppError('unavailable', 'JOB_LEASE_LOST', text('任务已被另一进程接手', 'Another process took the job over'))

/** What a failed job keeps: an AppError's code and message, or the unexpected error's message. */
export function jobErrorOf(e: unknown): JobError {
  if (isAppError(e)) return { code: e.code, message: e.text }
  const m = e instanceof Error ? e.message : String(e)
  return { code: 'JOB_FAILED', message: text(`任务出错而中止：${m}`, `The job stopped on an error: ${m}`) }
}

export interface ExecuteOptions {
  lease: LeaseOptions
  /** Aborted when the process stops: the job is given back and resumes from its checkpoint later. */
  stop?: AbortSignal | undefined
  /** Every progress the work reports or commits, unthrottled (a progress bar throttles itself). */
  onProgress?: ((p: JobProgress) => void) | undefined
}

const leaseEnd = (deps: Deps, lease: LeaseOptions) => new Date(deps.clock.now().getTime() + lease.leaseMs).toISOString()

/**
 * Runs a job that `owner` holds to its end: renews the lease while the work runs, commits each step with its
 * checkpoint, and writes the end (with its audit event) only while it still holds the job.
 */
export async function executeJob(
  deps: Deps,
  kind: AnyJobKind,
  job: Job,
  owner: string,
  opts: ExecuteOptions,
): Promise<JobEnd> {
  const { tenantId, id } = job
  const runDeps: Deps = { ...deps, requestId: job.id }
  const controller = new AbortController()
  const abort = (reason: AppError) => {
    if (!controller.signal.aborted) controller.abort(reason)
  }
  const onStop = () => abort(jobStopped())
  if (opts.stop?.aborted) onStop()
  opts.stop?.addEventListener('abort', onStop)

  let progress = job.progress
  let actor: Actor = {
    userId: job.createdBy,
    login: job.createdByLabel,
    label: job.createdByLabel,
    isAdmin: false,
    permissions: new Set(),
  }
  const heard = (hold: { cancelRequested: boolean } | undefined) => {
    if (!hold) abort(leaseLost())
    else if (hold.cancelRequested) abort(jobCancelled())
  }
  let renewing = false
  const timer = setInterval(() => {
    if (renewing) return
    renewing = true
    deps.store
      .transaction((tx) => tx.jobs.renew(tenantId, id, owner, leaseEnd(deps, opts.lease)))
      .then(heard, () => {}) // a failed renewal is tried again; the lease is long enough for a few
      .finally(() => {
        renewing = false
      })
  }, opts.lease.renewMs)
  timer.unref?.()

  const finish = (outcome: Omit<JobOutcome, 'at' | 'progress'>) =>
    deps.store.transaction(async (tx) => {
      const ok = await tx.jobs.finish(tenantId, id, owner, {
        ...outcome,
        progress,
        at: deps.clock.now().toISOString(),
      })
      if (ok)
        await tx.audit.append(
          auditEvent(runDeps, actor, tenantId, 'job.finished', 'job', id, {
            kind: job.kind,
            status: outcome.status,
            error: outcome.error?.code ?? null,
          }),
        )
      return ok
    })

  try {
    try {
      const tenant = await deps.store.read((tx) => tx.tenants.byId(tenantId))
      if (!tenant) throw new Error(`tenant ${tenantId} of job ${id} is gone`)
      actor = await resolveActor(deps, job.createdBy, tenant.code, job.createdByLabel)
      const ctx: RequestContext = { deps: runDeps, actor, tenant: tenant.code, lang: 'zh-CN' }
      let lastReport = 0
      const run: JobRun<unknown> = {
        ctx,
        job,
        params: kind.parse(job.params),
        signal: controller.signal,
        step: async (work, next, options) => {
          controller.signal.throwIfAborted()
          const out = await deps.store.transaction(async (tx) => {
            // The job row first: on PostgreSQL it stays locked until this batch commits, so no claim slips in.
            const hold = await tx.jobs.saveProgress(tenantId, id, owner, {
              progress: next.progress,
              leaseUntil: leaseEnd(deps, opts.lease),
              checkpoint: next.checkpoint,
            })
            if (!hold) throw leaseLost()
            if (hold.cancelRequested) throw jobCancelled()
            return work(tx)
          }, options)
          progress = next.progress
          opts.onProgress?.(progress)
          return out
        },
        report: async (p) => {
          opts.onProgress?.(p)
          const now = Date.now()
          if (now - lastReport < REPORT_EVERY_MS) return
          lastReport = now
          progress = p
          heard(
            await deps.store.transaction((tx) =>
              tx.jobs.saveProgress(tenantId, id, owner, { progress: p, leaseUntil: leaseEnd(deps, opts.lease) }),
            ),
          )
        },
      }
      const result = await kind.run(run)
      return (await finish({ status: 'done', result: result ?? null, error: null }))
        ? { status: 'done', result }
        : { status: 'lost' }
    } catch (e) {
      const why = isAppError(e) && e.code.startsWith('JOB_') ? e : (controller.signal.reason ?? e)
      const code = isAppError(why) ? why.code : undefined
      if (code === 'JOB_LEASE_LOST') return { status: 'lost' }
      if (code === 'JOB_STOPPED')
        return (await deps.store.transaction((tx) => tx.jobs.release(tenantId, id, owner)))
          ? { status: 'released' }
          : { status: 'lost' }
      if (code === 'JOB_CANCELLED')
        return (await finish({ status: 'cancelled', result: null, error: null }))
          ? { status: 'cancelled' }
          : { status: 'lost' }
      return (await finish({ status: 'failed', result: null, error: jobErrorOf(e) }))
        ? { status: 'failed', error: e }
        : { status: 'lost' }
    }
  } finally {
    clearInterval(timer)
    opts.stop?.removeEventListener('abort', onStop)
  }
}
