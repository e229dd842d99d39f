import { assertCan } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { visibleJob } from './internal/visible-job.js'
import { type JobView, jobView } from './job-view.js'

/** One job, to its creator or an administrator (anyone else: not found). */
export async function getJob({ deps, actor, tenant, lang }: RequestContext, id: string): Promise<JobView> {
  assertCan(actor, 'tenant:read')
  return deps.store.read(async (tx) =>
    jobView(await visibleJob(tx, actor, (await resolveTenant(tx, tenant)).id, id), lang),
  )
}
