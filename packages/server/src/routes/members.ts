import { createRoute, z } from '@hono/zod-openapi'
import { listMembers, ScopeInputSchema, SetMemberInput, setMember } from '@kehu/app'
import { ctxOf, type KehuApp } from '../context.js'
import { json, ProblemSchema, problemResponses, ScopeOut, TenantParam } from './common.js'

const tags = ['members']

const MemberOut = z
  .object({
    login: z.string(),
    displayName: z.string(),
    enabled: z.boolean(),
    roles: z.array(z.string()).openapi({ description: 'Role codes in this tenant' }),
    scopes: z.array(ScopeOut).openapi({ description: 'Data scopes; none means every customer of the tenant' }),
  })
  .openapi('Member')
const MemberIn = SetMemberInput.extend({
  // `.meta` rather than `.openapi` on schemas made in @kehu/app: zod 4 gives `.openapi` only to schemas built after
  // @hono/zod-openapi was loaded, and a caller may load @kehu/app first (importing @kehu/cli did).
  roles: SetMemberInput.shape.roles.meta({
    description: 'Role codes (or names); none removes the user from the tenant',
  }),
  scopes: z
    .array(ScopeInputSchema.meta({ id: 'ScopeInput' }))
    .max(200)
    .openapi({
      description:
        'Node scopes of one scheme are united, different schemes intersect, `own` keeps only the customers the member manages',
    }),
})
const LoginParam = TenantParam.extend({ login: z.string().max(64) })
const forbidden = {
  403: {
    description: 'Not allowed (needs tenant:admin)',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
}

/** A tenant's members with their roles and data scopes (docs/decisions/0027-data-scopes.md). */
export function registerMemberRoutes(app: KehuApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/members',
      tags,
      summary: "The tenant's members: roles and data scopes (tenant:admin)",
      request: { params: TenantParam },
      responses: { 200: json(z.object({ items: z.array(MemberOut) }), 'Members'), ...forbidden, ...problemResponses },
    }),
    async (c) => c.json({ items: await listMembers(ctxOf(c, c.req.valid('param').tenant)) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/t/{tenant}/members/{login}',
      tags,
      summary: "Set a user's roles and data scopes in the tenant (tenant:admin); written to the access log",
      description:
        'Roles not listed are taken away and the scopes replaced; `roles: []` removes the user from the tenant. ' +
        'A scope names a class or region node by id, with `subtree` for 本级及下级.',
      request: { params: LoginParam, body: { content: { 'application/json': { schema: MemberIn } }, required: true } },
      responses: { 200: json(MemberOut, 'The member'), ...forbidden, ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(await setMember(ctxOf(c, p.tenant), p.login, c.req.valid('json')), 200)
    },
  )
}
