import { createRoute, z } from '@hono/zod-openapi'
import { AuditSearchInput, searchAuditLog } from '@kehu/app'
import { ctxOf, type KehuApp } from '../context.js'
import { FieldChangeOut, json, problemResponses, TenantParam } from './common.js'

const AuditEntryOut = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string().openapi({ description: 'Who acted: a login, `cli:<os user>`, `alice/token:erp`' }),
    action: z.string().openapi({ description: 'The kind: `customer.updated`, `sign-in.failed`, `token.used` …' }),
    log: z.enum(['change', 'access']).openapi({
      description: '`change`: the tenant’s data; `access`: sign-ins, users, roles, sessions and tokens',
    }),
    entity: z.string().openapi({ description: 'What kind of thing: `customer`, `class`, `user`, `token`, `role` …' }),
    subject: z
      .string()
      .nullable()
      .openapi({ description: 'That thing as people name it: a customer’s code, a class code, a login, a role' }),
    changes: z.array(FieldChangeOut),
    note: z.string().nullable(),
    address: z.string().nullable().openapi({ description: 'The client’s address (sign-ins, token use)' }),
  })
  .openapi('AuditEntry')

// `.meta`, not `.openapi`, on schemas made in @kehu/app: see members.ts.
const AuditQuery = AuditSearchInput.extend({
  actor: AuditSearchInput.shape.actor.meta({ description: 'Part of who acted, any case' }),
  action: AuditSearchInput.shape.action.meta({ description: 'One kind, e.g. `customer.updated`' }),
  customer: AuditSearchInput.shape.customer.meta({ description: 'A customer’s code (or old code): its events' }),
  from: AuditSearchInput.shape.from.meta({
    description:
      'From this day (in the tenant’s time zone) or instant, e.g. `2026-03-01` or `2026-03-01T08:00:00+08:00`',
  }),
  to: AuditSearchInput.shape.to.meta({ description: 'To this day (inclusive) or instant (exclusive)' }),
  cursor: AuditSearchInput.shape.cursor.meta({ description: 'The `nextCursor` of the page before' }),
  limit: AuditSearchInput.shape.limit.meta({ description: 'Events per page, 1–200 (default 50)' }),
})

/** The audit log page (docs/decisions/0025-audit-log-append-only-and-searchable.md). */
export function registerAuditRoutes(app: KehuApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/audit',
      tags: ['audit'],
      summary: 'The audit log, newest first: the tenant’s changes and the access events that concern it',
      description:
        'Needs audit:read. A global administrator also sees sign-ins, failed sign-ins, sessions, users and tokens (events of no tenant). Events about customers the caller may not see are left out; sensitive values are masked without customer:sensitive. Page with `nextCursor`.',
      request: { params: TenantParam, query: AuditQuery },
      responses: {
        200: json(z.object({ items: z.array(AuditEntryOut), nextCursor: z.string().nullable() }), 'One page of events'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { tenant } = c.req.valid('param')
      return c.json(await searchAuditLog(ctxOf(c, tenant), c.req.valid('query')), 200)
    },
  )
}
