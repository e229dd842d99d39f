import { createRoute, z } from '@hono/zod-openapi'
import {
  applyReclassify,
  BatchAssignInput,
  batchAssign,
  ClassRuleInput,
  CreateNodeInput,
  CreateSchemeInput,
  createClassRule,
  createNode,
  createScheme,
  deleteClassRule,
  deleteNode,
  getTree,
  listClassRules,
  listSchemes,
  MergeNodesInput,
  MoveNodeInput,
  mergeNodes,
  moveNode,
  previewBatchAssign,
  previewMergeNodes,
  previewMoveNode,
  previewReclassify,
  ReclassifyInput,
  UpdateClassRuleInput,
  UpdateNodeInput,
  UpdateSchemeInput,
  updateClassRule,
  updateNode,
  updateScheme,
} from '@kehu/app'
import type { ClassNode } from '@kehu/core'
import { ctxOf, type KehuApp } from '../context.js'
import { json, problemResponses, TenantParam } from './common.js'

const SchemeParam = TenantParam.extend({
  scheme: z.string().max(100).openapi({ description: 'Scheme code: class, region, …' }),
})
const NodeParam = SchemeParam.extend({
  code: z.string().max(100).openapi({ description: 'Class code (an old code works too)' }),
})
const RuleParam = SchemeParam.extend({ rule: z.string().max(200).openapi({ description: 'Rule id or name' }) })
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})
const Any = z.record(z.string().max(100), z.unknown())
const SchemeOut = z
  .object({
    code: z.string(),
    name: z.string(),
    levels: z.string().nullable().openapi({ description: '`2-3-4`, or null for a flat scheme' }),
    mask: z.string().nullable(),
    leafOnly: z.boolean(),
    builtin: z.boolean(),
    enabled: z.boolean(),
    position: z.number(),
    nodeCount: z.number(),
  })
  .openapi('ClassScheme')
const DefaultsOut = z.object({
  accountManagerId: z.string().nullable().optional(),
  codeRuleId: z.string().nullable().optional(),
  serviceLevel: z.string().nullable().optional(),
})
const TreeNodeOut = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    displayName: z.string(),
    parentCode: z.string().nullable(),
    level: z.number(),
    leaf: z.boolean(),
    enabled: z.boolean(),
    customerCount: z.number(),
    subtreeCustomerCount: z.number(),
    aliases: z.array(z.string()),
    defaults: DefaultsOut,
  })
  .openapi('ClassTreeNode')
const NodeOut = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number(),
  enabled: z.boolean(),
  defaults: DefaultsOut,
})
const MoveOut = z.object({
  scheme: z.string(),
  code: z.string(),
  newParentCode: z.string().nullable(),
  moves: z.array(z.object({ oldCode: z.string(), newCode: z.string(), name: z.string(), customerCount: z.number() })),
  customersAffected: z.number(),
  customersRecoded: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
})
const MergeOut = z.object({
  source: z.string(),
  target: z.string(),
  customersMoved: z.number(),
  rulesRetargeted: z
    .number()
    .openapi({ description: 'Automatic class rules re-pointed from the source to the target' }),
  rulesRewritten: z.array(z.string()).openapi({
    description: 'The stored filters (class rules, code-rule conditions, dimension scopes) that named the source',
  }),
})
const ReclassifyOut = z.object({
  scheme: z.string(),
  count: z.number().openapi({ description: 'Customers that move' }),
  transitions: z.array(z.object({ from: z.string().nullable(), to: z.string(), count: z.number() })),
  moves: z.array(
    z.object({
      customerId: z.string(),
      code: z.string(),
      name: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      rule: z.string(),
    }),
  ),
  skippedRules: z.array(z.string()),
  moved: z.number().optional().openapi({ description: 'After applying: customers moved' }),
})
const ClassRuleOut = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number(),
    condition: z.unknown(),
    description: z.object({ zh: z.string(), en: z.string() }),
    node: z.string(),
    nodeName: z.string(),
    enabled: z.boolean(),
  })
  .openapi('ClassRule')
const nodeOut = (n: ClassNode) => ({
  code: n.code,
  name: n.name,
  level: n.level,
  enabled: n.enabled,
  defaults: n.defaults,
})
const tags = ['classes']

/** Classification schemes, trees, batch assignment and automatic rules (docs/decisions/0014-design-brief.md, B). */
export function registerClassRoutes(app: KehuApp) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/schemes',
      tags,
      summary: 'List classification schemes with level masks',
      request: { params: TenantParam },
      responses: { 200: json(z.object({ items: z.array(SchemeOut) }), 'Schemes'), ...problemResponses },
    }),
    async (c) => c.json({ items: await listSchemes(ctxOf(c, c.req.valid('param').tenant)) }, 200),
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/schemes',
      tags,
      summary: 'Create a user-defined scheme (levels such as 2-3-4, or flat)',
      request: { params: TenantParam, ...body(CreateSchemeInput) },
      responses: { 201: json(SchemeOut, 'Created'), ...problemResponses },
    }),
    async (c) => c.json(await createScheme(ctxOf(c, c.req.valid('param').tenant), c.req.valid('json')), 201),
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/schemes/{scheme}',
      tags,
      summary: 'A scheme with its whole tree: levels, leaf flags, customer counts, aliases',
      request: { params: SchemeParam },
      responses: {
        200: json(z.object({ scheme: SchemeOut, nodes: z.array(TreeNodeOut) }), 'Tree'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(await getTree(ctxOf(c, p.tenant), p.scheme), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/t/{tenant}/schemes/{scheme}',
      tags,
      summary: 'Rename a scheme or change its levels (used levels are refused, unused ones may widen)',
      request: { params: SchemeParam, ...body(UpdateSchemeInput) },
      responses: { 200: json(SchemeOut, 'Updated'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(await updateScheme(ctxOf(c, p.tenant), p.scheme, c.req.valid('json')), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/schemes/{scheme}/nodes',
      tags,
      summary: 'Add a class (code omitted: the next free sibling)',
      request: { params: SchemeParam, ...body(CreateNodeInput) },
      responses: { 201: json(NodeOut, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(nodeOut(await createNode(ctxOf(c, p.tenant), p.scheme, c.req.valid('json'))), 201)
    },
  )
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/t/{tenant}/schemes/{scheme}/nodes/{code}',
      tags,
      summary: 'Rename, disable/enable a class, or set its defaults',
      request: { params: NodeParam, ...body(UpdateNodeInput) },
      responses: { 200: json(NodeOut, 'Updated'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(nodeOut(await updateNode(ctxOf(c, p.tenant), p.scheme, p.code, c.req.valid('json'))), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/t/{tenant}/schemes/{scheme}/nodes/{code}',
      tags,
      summary: 'Delete a class (refused with counts while it has children or customers, unless moveCustomersTo)',
      request: { params: NodeParam, query: z.object({ moveCustomersTo: z.string().max(100).optional() }) },
      responses: { 200: json(Any, 'Deleted'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const q = c.req.valid('query')
      return c.json(await deleteNode(ctxOf(c, p.tenant), p.scheme, p.code, q), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/schemes/{scheme}/nodes/{code}/move',
      tags,
      summary: 'Move a subtree (preview: old → new codes and customers affected)',
      request: { params: NodeParam, ...body(MoveNodeInput.extend({ preview: z.boolean().optional() })) },
      responses: { 200: json(MoveOut, 'Move preview or result'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const { preview, ...input } = c.req.valid('json')
      const run = preview ? previewMoveNode : moveNode
      return c.json(await run(ctxOf(c, p.tenant), p.scheme, p.code, input), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/schemes/{scheme}/nodes/{code}/merge',
      tags,
      summary:
        'Merge this class into another (customers re-pointed, code kept as alias); with preview: what it would do, changing nothing',
      request: {
        params: NodeParam,
        ...body(
          MergeNodesInput.extend({
            preview: z.boolean().optional().openapi({ description: 'A dry run: the counts, nothing merged' }),
          }),
        ),
      },
      responses: { 200: json(MergeOut, 'Merged, or what a merge would do'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const { preview, ...input } = c.req.valid('json')
      const run = preview ? previewMergeNodes : mergeNodes
      return c.json(await run(ctxOf(c, p.tenant), p.scheme, p.code, input), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/schemes/{scheme}/batch-assign',
      tags,
      summary: 'Assign a class to selected customers or all matching a filter (preview: the count)',
      request: { params: SchemeParam, ...body(BatchAssignInput.extend({ preview: z.boolean().optional() })) },
      responses: { 200: json(Any, 'Preview or result'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const { preview, ...input } = c.req.valid('json')
      const run = preview ? previewBatchAssign : batchAssign
      return c.json(await run(ctxOf(c, p.tenant), p.scheme, input), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/schemes/{scheme}/rules',
      tags,
      summary: 'Automatic classification rules, in order',
      request: { params: SchemeParam },
      responses: { 200: json(z.object({ items: z.array(ClassRuleOut) }), 'Rules'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json({ items: await listClassRules(ctxOf(c, p.tenant), p.scheme) }, 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/schemes/{scheme}/rules',
      tags,
      summary: 'Add an automatic classification rule',
      request: { params: SchemeParam, ...body(ClassRuleInput) },
      responses: { 201: json(ClassRuleOut, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(await createClassRule(ctxOf(c, p.tenant), p.scheme, c.req.valid('json')), 201)
    },
  )
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/t/{tenant}/schemes/{scheme}/rules/{rule}',
      tags,
      summary: 'Change an automatic classification rule',
      request: { params: RuleParam, ...body(UpdateClassRuleInput) },
      responses: { 200: json(ClassRuleOut, 'Updated'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const input = c.req.valid('json') as Partial<ClassRuleInput>
      return c.json(await updateClassRule(ctxOf(c, p.tenant), p.scheme, p.rule, input), 200)
    },
  )
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/t/{tenant}/schemes/{scheme}/rules/{rule}',
      tags,
      summary: 'Delete an automatic classification rule',
      request: { params: RuleParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      await deleteClassRule(ctxOf(c, p.tenant), p.scheme, p.rule)
      return c.body(null, 204)
    },
  )
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/schemes/{scheme}/reclassify',
      tags,
      summary: 'Re-classification run: preview who moves from where to where, or apply',
      request: { params: SchemeParam, ...body(ReclassifyInput.extend({ preview: z.boolean().optional() })) },
      responses: { 200: json(ReclassifyOut, 'Preview or result'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const { preview, ...input } = c.req.valid('json')
      return c.json(
        preview
          ? await previewReclassify(ctxOf(c, p.tenant), p.scheme)
          : await applyReclassify(ctxOf(c, p.tenant), p.scheme, input),
        200,
      )
    },
  )
}
