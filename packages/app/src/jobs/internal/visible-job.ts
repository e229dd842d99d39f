import { type Actor, can, type Job, notFound, type Tx, text } from '@kehu/core'

/** Whether the actor sees every job of the tenant (an administrator) or only the ones they started. */
export const seesAllJobs = (actor: Actor): boolean => can(actor, 'admin') || can(actor, 'tenant:admin')

export const jobNotFound = (id: string) =>
  notFound('JOB_NOT_FOUND', text(`任务 ${id} 不存在`, `Job ${id} does not exist`), { job: id })

/** The job, if the actor may see it; someone else's job is "not found" exactly like a missing one. */
export async function visibleJob(tx: Tx, actor: Actor, tenantId: string, id: string): Promise<Job> {
  const job = await tx.jobs.byId(tenantId, id)
  if (!job || (job.createdBy !== actor.userId && !seesAllJobs(actor))) throw jobNotFound(id)
  return job
}
