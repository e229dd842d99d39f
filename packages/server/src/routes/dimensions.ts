import { createRoute, z } from '@hono/zod-openapi'
import {
  createAttribute,
  createDimension,
  deleteAttribute,
  deleteDimension,
  FillAttributeInput,
  fillAttribute,
  findIncompleteCustomers,
  getCustomerForm,
  listDimensions,
  previewAttributeChange,
  updateAttribute,
  updateDimension,
} from '@kehu/app'
import {
  AttributeDef,
  CreateAttributeInput,
  CreateDimensionInput,
  DimensionType,
  UpdateAttributeInput,
  UpdateDimensionInput,
} from '@kehu/core'
import { ctxOf, type KehuApp } from '../context.js'
import { json, problemResponses, TenantParam } from './common.js'

const DimensionOut = DimensionType.extend({
  attributes: z.array(AttributeDef.extend({ held: z.number() })),
})
const AttributeOut = AttributeDef
const Conflict = z.object({
  customerId: z.string(),
  code: z.string(),
  value: z.unknown(),
  reason: z.object({ zh: z.string(), en: z.string() }),
})
const CodeParam = TenantParam.extend({
  code: z.string().max(100).openapi({ description: 'Dimension or attribute code' }),
})
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})

export function registerDimensionRoutes(app: KehuApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/dimensions',
      tags: ['dimensions'],
      summary: 'List management dimensions (管理维度) with their attributes',
      request: { params: TenantParam },
      responses: { 200: json(z.object({ items: z.array(DimensionOut) }), 'Dimensions'), ...problemResponses },
    }),
    async (c) => c.json({ items: await listDimensions(ctxOf(c, c.req.valid('param').tenant)) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/dimensions',
      tags: ['dimensions'],
      summary: 'Create a dimension; `appliesTo` null for every customer or a filter such as class under 01',
      request: { params: TenantParam, ...body(CreateDimensionInput) },
      responses: { 201: json(DimensionType, 'Created'), ...problemResponses },
    }),
    async (c) => c.json(await createDimension(ctxOf(c, c.req.valid('param').tenant), c.req.valid('json')), 201),
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/t/{tenant}/dimensions/{code}',
      tags: ['dimensions'],
      summary: 'Edit a dimension (name, description, enabled, position, appliesTo, code)',
      request: { params: CodeParam, ...body(UpdateDimensionInput) },
      responses: { 200: json(DimensionType, 'Updated'), ...problemResponses },
    }),
    async (c) => {
      const { tenant, code } = c.req.valid('param')
      return c.json(await updateDimension(ctxOf(c, tenant), code, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/t/{tenant}/dimensions/{code}',
      tags: ['dimensions'],
      summary: 'Delete a dimension and its attributes; refused (409 DIMENSION_IN_USE) while customers hold values',
      request: { params: CodeParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      const { tenant, code } = c.req.valid('param')
      await deleteDimension(ctxOf(c, tenant), code)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/dimensions/{code}/attributes',
      tags: ['dimensions'],
      summary:
        'Add an attribute; a required one writes nothing into existing customers: they are counted as incomplete',
      request: { params: CodeParam, ...body(CreateAttributeInput) },
      responses: {
        201: json(z.object({ attribute: AttributeOut, incomplete: z.number() }), 'Created'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { tenant, code } = c.req.valid('param')
      return c.json(await createAttribute(ctxOf(c, tenant), code, c.req.valid('json')), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/t/{tenant}/attributes/{code}',
      tags: ['dimensions'],
      summary: 'Change an attribute; 409 ATTR_CHANGE_CONFLICTS lists every value the new definition refuses',
      request: { params: CodeParam, ...body(UpdateAttributeInput) },
      responses: {
        200: json(z.object({ attribute: AttributeOut, rewritten: z.number(), incomplete: z.number() }), 'Updated'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { tenant, code } = c.req.valid('param')
      return c.json(await updateAttribute(ctxOf(c, tenant), code, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/attributes/{code}/preview-change',
      tags: ['dimensions'],
      summary: 'What a change would do, changing nothing: conflicts, rewrites, customers left incomplete',
      request: { params: CodeParam, ...body(UpdateAttributeInput) },
      responses: {
        200: json(
          z.object({
            before: AttributeOut,
            after: AttributeOut,
            conflicts: z.array(Conflict),
            rewrites: z.number(),
            held: z.number(),
            incomplete: z.number(),
          }),
          'Preview',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { tenant, code } = c.req.valid('param')
      return c.json(await previewAttributeChange(ctxOf(c, tenant), code, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/attributes/{code}/incomplete',
      tags: ['dimensions'],
      summary: 'Customers the attribute applies to that hold no value (a required one lists them as incomplete)',
      request: { params: CodeParam, query: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }) },
      responses: {
        200: json(
          z.object({
            count: z.number(),
            customers: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
          }),
          'Incomplete customers',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { tenant, code } = c.req.valid('param')
      const { limit } = c.req.valid('query')
      return c.json(await findIncompleteCustomers(ctxOf(c, tenant), code, limit ? { limit } : {}), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/attributes/{code}/fill',
      tags: ['dimensions'],
      summary: 'Back-fill one chosen value into every customer without a value; dryRun only counts them',
      request: { params: CodeParam, ...body(FillAttributeInput) },
      responses: {
        200: json(z.object({ filled: z.number(), dryRun: z.boolean() }), 'Filled or counted'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { tenant, code } = c.req.valid('param')
      return c.json(await fillAttribute(ctxOf(c, tenant), code, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/t/{tenant}/attributes/{code}',
      tags: ['dimensions'],
      summary: 'Delete an attribute; refused (409 ATTR_IN_USE) while used unless force=true, which removes the values',
      request: { params: CodeParam, query: z.object({ force: z.enum(['true', 'false']).optional() }) },
      responses: { 200: json(z.object({ removedValues: z.number() }), 'Deleted'), ...problemResponses },
    }),
    async (c) => {
      const { tenant, code } = c.req.valid('param')
      const force = c.req.valid('query').force === 'true'
      return c.json(await deleteAttribute(ctxOf(c, tenant), code, { force }), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/customer-form',
      tags: ['dimensions'],
      summary: 'The attributes a customer with these classes fills in (node code per scheme code in the query)',
      request: {
        params: TenantParam,
        query: z.object({
          class: z.string().max(100).optional(),
          region: z.string().max(100).optional(),
          type: z.string().max(100).optional(),
          industry: z.string().max(100).optional(),
        }),
      },
      responses: {
        200: json(
          z.object({
            sections: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                description: z.string(),
                attributes: z.array(AttributeOut),
              }),
            ),
          }),
          'Form',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      // Every query key is a scheme code, user schemes included.
      const classes = c.req.query()
      const sections = await getCustomerForm(ctxOf(c, c.req.valid('param').tenant), classes)
      return c.json({ sections }, 200)
    },
  )
}
