import { createRoute, z } from '@hono/zod-openapi'
import { cancelJob, getJob, listJobs } from '@kehu/app'
import { JOB_STATUSES } from '@kehu/core'
import { ctxOf, type KehuApp } from '../context.js'
import { json, problemResponses, TenantParam } from './common.js'

export const JobOut = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ description: 'What it does: `code-audit-fix`, `import` …' }),
    status: z.enum(JOB_STATUSES),
    progress: z
      .object({
        phase: z.string().optional(),
        done: z.number(),
        total: z.number().optional(),
        bad: z.number().optional(),
        written: z.number().optional(),
        rate: z.number().optional().openapi({ description: 'Per second' }),
        etaSeconds: z.number().optional(),
      })
      .openapi('JobProgress'),
    result: z.unknown().openapi({ description: 'What the finished job returned (by kind)' }),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    cancelRequested: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Job')

/** What a route that starts long work answers: 202 with the job to follow (`GET /jobs/{id}`). */
export const JobStarted = z.object({ job: JobOut }).openapi('JobStarted')

const JobParam = TenantParam.extend({ id: z.string().max(100) })
const JobQuery = z.object({
  kind: z.string().max(100).optional(),
  status: z.enum(JOB_STATUSES).optional(),
  mine: z.enum(['true', 'false']).optional().openapi({ description: 'Only my jobs (an administrator sees all)' }),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  before: z.string().max(100).optional().openapi({ description: 'The id of the last job of the page before' }),
})

/** Jobs: long work with progress (docs/decisions on jobs); each is seen by its creator and administrators. */
export function registerJobRoutes(app: KehuApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/jobs',
      tags: ['jobs'],
      summary: 'The jobs of the tenant, newest first: my own, or everyone’s for an administrator',
      request: { params: TenantParam, query: JobQuery },
      responses: { 200: json(z.object({ items: z.array(JobOut) }), 'Jobs'), ...problemResponses },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const items = await listJobs(ctxOf(c, c.req.valid('param').tenant), {
        kind: q.kind,
        status: q.status ? [q.status] : undefined,
        mine: q.mine === 'true',
        limit: q.limit,
        before: q.before,
      })
      return c.json({ items }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/jobs/{id}',
      tags: ['jobs'],
      summary: 'One job: status, progress (poll it), and its result or error once finished',
      request: { params: JobParam },
      responses: { 200: json(JobOut, 'Job'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(await getJob(ctxOf(c, p.tenant), p.id), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/jobs/{id}/cancel',
      tags: ['jobs'],
      summary: 'Cancel a job: a queued one at once, a running one at its next step (what it committed stays)',
      request: { params: JobParam },
      responses: { 200: json(JobOut, 'Job'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(await cancelJob(ctxOf(c, p.tenant), p.id), 200)
    },
  )
}
