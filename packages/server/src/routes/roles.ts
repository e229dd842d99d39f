import { createRoute, z } from '@hono/zod-openapi'
import {
  CreateRoleInput,
  createRole,
  deleteRole,
  listPermissions,
  listRoles,
  roleView,
  UpdateRoleInput,
  updateRole,
} from '@kehu/app'
import { ctxOf, type KehuApp } from '../context.js'
import { json, ProblemSchema, problemResponses, TenantParam } from './common.js'

const tags = ['roles']

const PermissionOut = z
  .object({ key: z.string(), label: z.object({ zh: z.string(), en: z.string() }) })
  .openapi('Permission')
const RoleOut = z
  .object({
    code: z.string(),
    name: z.string(),
    builtIn: z.boolean().openapi({ description: 'Built-in roles take their permissions from kehu and cannot change' }),
    permissions: z.array(z.string()),
  })
  .openapi('Role')
const CodeParam = TenantParam.extend({ code: z.string().max(100).openapi({ description: 'Role code' }) })
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})
const forbidden = {
  403: {
    description: 'Not allowed (needs tenant:admin), or a permission the caller does not hold',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
}

/** Permissions with their labels, and a tenant's roles: built-in ones and custom ones made of permissions. */
export function registerRoleRoutes(app: KehuApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/permissions',
      tags,
      summary: 'Every permission with its label in Chinese and English, in order',
      responses: { 200: json(z.object({ items: z.array(PermissionOut) }), 'Permissions'), ...problemResponses },
    }),
    (c) => c.json({ items: listPermissions() }, 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/roles',
      tags,
      summary: "The tenant's roles with their permissions (tenant:read)",
      request: { params: TenantParam },
      responses: { 200: json(z.object({ items: z.array(RoleOut) }), 'Roles'), ...forbidden, ...problemResponses },
    }),
    async (c) => {
      const roles = await listRoles(ctxOf(c, c.req.valid('param').tenant))
      return c.json({ items: roles.map(roleView) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/roles',
      tags,
      summary: 'Create a custom role from permissions the caller holds (tenant:admin); written to the access log',
      request: { params: TenantParam, ...body(CreateRoleInput) },
      responses: { 201: json(RoleOut, 'Created'), ...forbidden, ...problemResponses },
    }),
    async (c) => c.json(await createRole(ctxOf(c, c.req.valid('param').tenant), c.req.valid('json')), 201),
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/t/{tenant}/roles/{code}',
      tags,
      summary: "Rename a custom role or change its permissions (its members' rights change at once)",
      description: 'Built-in roles answer 409 `ROLE_BUILT_IN`.',
      request: { params: CodeParam, ...body(UpdateRoleInput) },
      responses: { 200: json(RoleOut, 'The role'), ...forbidden, ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(await updateRole(ctxOf(c, p.tenant), p.code, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/t/{tenant}/roles/{code}',
      tags,
      summary: 'Delete a custom role',
      description: 'Refused with 409 `ROLE_IN_USE` while a member holds it, and `ROLE_BUILT_IN` for a built-in role.',
      request: { params: CodeParam },
      responses: { 204: { description: 'Deleted' }, ...forbidden, ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      await deleteRole(ctxOf(c, p.tenant), p.code)
      return c.body(null, 204)
    },
  )
}
