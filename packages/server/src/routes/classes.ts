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
      responses: { 200: json(z.object({ items: z.array(Any) }), 'Schemes'), ...problemResponses },
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
      responses: { 201: json(Any, 'Created'), ...problemResponses },
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
      responses: { 200: json(Any, 'Tree'), ...problemResponses },
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
      responses: { 200: json(Any, 'Updated'), ...problemResponses },
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
      responses: { 201: json(Any, 'Created'), ...problemResponses },
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
      responses: { 200: json(Any, 'Updated'), ...problemResponses },
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
      responses: { 200: json(Any, 'Move preview or result'), ...problemResponses },
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
      summary: 'Merge this class into another (customers re-pointed, code kept as alias)',
      request: { params: NodeParam, ...body(MergeNodesInput) },
      responses: { 200: json(Any, 'Merged'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(await mergeNodes(ctxOf(c, p.tenant), p.scheme, p.code, c.req.valid('json')), 200)
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
      responses: { 200: json(z.object({ items: z.array(Any) }), 'Rules'), ...problemResponses },
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
      responses: { 201: json(Any, 'Created'), ...problemResponses },
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
      responses: { 200: json(Any, 'Updated'), ...problemResponses },
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
      responses: { 200: json(Any, 'Preview or result'), ...problemResponses },
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
