import { createRoute, z } from '@hono/zod-openapi'
import { CreateTenantInput, createTenant, listTenants, signInInForce } from '@kehu/app'
import type { Tenant } from '@kehu/core'
import { ctxOf, type KehuApp, type ServerContext } from '../context.js'
import { json, problemResponses, TenantParam } from './common.js'

const TenantOut = z
  .object({ code: z.string(), name: z.string(), timeZone: z.string(), isDefault: z.boolean(), createdAt: z.string() })
  .openapi('Tenant')
const tenantOut = (t: Tenant) => ({
  code: t.code,
  name: t.name,
  timeZone: t.timeZone,
  isDefault: t.isDefault,
  createdAt: t.createdAt,
})

export function registerSystemRoutes(app: KehuApp, ctx: ServerContext) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health',
      tags: ['system'],
      summary: 'Health: the server answers and the database is reachable',
      responses: {
        200: json(
          z.object({ status: z.literal('ok'), version: z.string(), database: z.enum(['sqlite', 'postgresql']) }),
          'OK',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      // Reaches the database without needing a caller.
      await signInInForce(c.var.deps)
      return c.json({ status: 'ok' as const, version: ctx.version, database: ctx.database }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tenants',
      tags: ['tenants'],
      summary: 'List tenants (账套)',
      responses: { 200: json(z.object({ items: z.array(TenantOut) }), 'Tenants'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listTenants(ctxOf(c))).map(tenantOut) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tenants',
      tags: ['tenants'],
      summary: 'Create a tenant with the built-in schemes and the default code rule',
      request: { body: { content: { 'application/json': { schema: CreateTenantInput } }, required: true } },
      responses: { 201: json(TenantOut, 'Created'), ...problemResponses },
    }),
    async (c) => c.json(tenantOut(await createTenant(ctxOf(c), c.req.valid('json'))), 201),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/summary',
      tags: ['tenants'],
      summary: 'Counts for the dashboard',
      request: { params: TenantParam },
      responses: {
        200: json(
          z.object({
            tenant: z.object({ code: z.string(), name: z.string() }),
            customers: z.number().nullable().describe('null without customer:read'),
            schemes: z.array(z.object({ code: z.string(), name: z.string(), nodes: z.number() })),
            codeRules: z.number().nullable().describe('null without code-rule:read'),
          }),
          'Summary',
        ),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await c.var.reads.run('getSummary', ctxOf(c, c.req.valid('param').tenant)), 200),
  )
}
