import { createRoute, z } from '@hono/zod-openapi'
import {
  CheckPatternInput,
  CodeMapInput,
  CodeRuleInput,
  capacityOut,
  checkPattern,
  codeAuditOut,
  createCodeMap,
  createCodeRule,
  deleteCodeRule,
  getCodeRule,
  getCustomerByCode,
  jobView,
  listCodeMaps,
  listCodeRules,
  PatternInput,
  PreviewSample,
  patternCheckOut,
  previewNextCodes,
  RecodeCustomerInput,
  recodeCustomer,
  startJob,
  UpdateCodeRuleInput,
  updateCodeMap,
  updateCodeRule,
} from '@kehu/app'
import { type CodeRule, invalid, issue, pick, text } from '@kehu/core'
import { ctxOf, type KehuApp, type ServerContext } from '../context.js'
import { serverJobKinds } from '../job-kinds.js'
import { IssueOut, json, problemResponses, TenantParam } from './common.js'
import { JobStarted } from './jobs.js'

// The condition is a recursive filter, which the OpenAPI generator cannot walk: documented as an object
// here and checked in full by the use case.
// The text form (`{type}-{serial:5}`) or the structured form `{ segments: [...] }`.
const PatternDoc = PatternInput
const FilterDoc = z
  .record(z.string().max(100), z.unknown())
  .openapi({ description: 'A filter `{ all | any: [{ field, op, value }] }`, e.g. type eq VIP' })
const RuleBody = CodeRuleInput.extend({ condition: FilterDoc.nullable().optional() })
const RulePatch = UpdateCodeRuleInput.extend({ condition: FilterDoc.nullable().optional() })
const RuleOut = z
  .object({
    id: z.string(),
    name: z.string(),
    pattern: z.string().openapi({ description: 'Text form, e.g. `{type}{serial:3}`' }),
    mode: z.enum(['auto', 'auto-editable', 'manual']),
    onClash: z.enum(['next', 'refuse']),
    legacyCodes: z
      .boolean()
      .openapi({ description: 'Typed codes that do not fit the pattern are accepted with a warning' }),
    condition: FilterDoc.nullable(),
    position: z.number(),
    isDefault: z.boolean(),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CodeRule')
const CheckOut = z
  .object({
    accepted: z.boolean(),
    pattern: z.string(),
    issues: z.array(IssueOut),
    scope: z.array(z.string()),
    capacity: z.number().nullable(),
    against: z.enum(['structure', 'tenant']),
    counters: z
      .array(
        z.object({
          scopeKey: z.string(),
          from: z.number().nullable(),
          startsAt: z.number(),
          past: z.string(),
          firstCode: z.string().nullable(),
        }),
      )
      .optional()
      .openapi({
        description:
          'With a tenant: the counters that saving this pattern starts past codes already issued that it can print',
      }),
  })
  .openapi('CodePatternCheck')
const PreviewBody = z
  .object({
    pattern: PatternDoc.optional(),
    rule: z.string().max(100).optional().openapi({ description: 'A stored rule by name: numbers from its counters' }),
    /** A partial customer input: type, region, class … */
    sample: PreviewSample.optional(),
    count: z.number().int().min(1).max(100).optional(),
  })
  .openapi('CodePreviewInput')
const PreviewOut = z
  .object({
    pattern: z.string(),
    scopeKey: z.string(),
    counter: z.enum(['fresh', 'stored']),
    items: z.array(z.object({ code: z.string(), serial: z.number(), taken: z.boolean() })),
  })
  .openapi('CodePreview')
const MapOut = z
  .object({
    id: z.string(),
    name: z.string(),
    entries: z.array(z.object({ value: z.string(), short: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CodeMap')
const FindingOut = z.object({
  kind: z.enum(['duplicate', 'malformed', 'off-rule', 'counter-behind']),
  code: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  rule: z.string().optional(),
  group: z
    .array(z.object({ code: z.string(), customerId: z.string(), customerName: z.string(), kind: z.string() }))
    .optional(),
  counter: z.object({ scopeKey: z.string(), next: z.number(), serial: z.number() }).optional(),
  reason: z.string(),
  fix: z.string(),
  fixed: z.boolean().optional(),
})
const AuditOut = z
  .object({
    checked: z.number(),
    // Every kind, so a client reads a count without checking for it.
    counts: z.object({
      duplicate: z.number(),
      malformed: z.number(),
      'off-rule': z.number(),
      'counter-behind': z.number(),
    }),
    fixed: z.number(),
    findings: z.array(FindingOut),
  })
  .openapi('CodeAudit')
const CapacityOut = z
  .object({
    items: z.array(
      z.object({
        rule: z.string(),
        pattern: z.string(),
        scopeKey: z.string(),
        scope: z.string().openapi({ description: 'The scope in words, e.g. 客户类型=零售 · 地区=北京 · 2026-07-02' }),
        used: z.number(),
        next: z.number(),
        max: z.number().nullable(),
        remaining: z.number().nullable(),
        remainingShare: z.number().nullable(),
        retries: z.number(),
        ratePerDay: z.number(),
        daysLeft: z.number().nullable(),
        level: z.enum(['ok', 'warn', 'full']),
      }),
    ),
  })
  .openapi('CodeCapacity')
const RecodeOut = z.object({
  customerId: z.string(),
  oldCode: z.string(),
  newCode: z.string(),
  rule: z.string(),
  version: z.number(),
  codeWarning: z.string().optional().openapi({
    description: 'The typed code does not fit the rule and was kept as a legacy code (a re-code allows it): why',
  }),
})
const ByCodeOut = z.object({
  customerId: z.string(),
  code: z.string(),
  name: z.string(),
  matched: z.string(),
  alias: z.boolean().openapi({ description: 'The code is an old code (alias) of the customer' }),
})

const NameParam = TenantParam.extend({ name: z.string().max(200).openapi({ description: 'Rule or map name' }) })
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})
const ruleOut = (r: CodeRule) => ({ ...r, condition: (r.condition ?? null) as Record<string, unknown> | null })

export function registerCodeRuleRoutes(app: KehuApp, server: ServerContext) {
  const kinds = serverJobKinds(server.readPool)
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/code-rules',
      tags: ['code rules'],
      summary: 'List code rules (编码规则) in the order they are tried',
      request: { params: TenantParam },
      responses: { 200: json(z.object({ items: z.array(RuleOut) }), 'Rules'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listCodeRules(ctxOf(c, c.req.valid('param').tenant))).map(ruleOut) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/code-rules',
      tags: ['code rules'],
      summary: "Create a rule, checked against the tenant's values, map tables and other active rules",
      request: { params: TenantParam, ...body(RuleBody) },
      responses: { 201: json(RuleOut, 'Created'), ...problemResponses },
    }),
    async (c) => c.json(ruleOut(await createCodeRule(ctxOf(c, c.req.valid('param').tenant), c.req.valid('json'))), 201),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/code-rules/check',
      tags: ['code rules'],
      summary: 'Check a pattern against the tenant (refusal reasons as data); `rule` names the rule being edited',
      request: { params: TenantParam, ...body(CheckPatternInput.extend({ pattern: PatternDoc })) },
      responses: { 200: json(CheckOut, 'Check'), ...problemResponses },
    }),
    async (c) => {
      const r = await checkPattern(ctxOf(c, c.req.valid('param').tenant), c.req.valid('json'))
      return c.json(patternCheckOut(r, c.var.lang), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/code-rules/preview',
      tags: ['code rules'],
      summary: 'The next N codes for a sample customer (a pattern from fresh counters, or a rule); nothing is reserved',
      request: { params: TenantParam, ...body(PreviewBody) },
      responses: { 200: json(PreviewOut, 'Preview'), ...problemResponses },
    }),
    async (c) => {
      const input = c.req.valid('json')
      if ((input.pattern === undefined) === (input.rule === undefined)) {
        const message = text(
          '请给出编码规则格式（pattern）或已存规则的名称（rule），二者选一',
          'Give either a code pattern (pattern) or the name of a stored rule (rule), not both',
        )
        throw invalid('CODE_PREVIEW_PATTERN_OR_RULE', message, [
          issue(['pattern'], 'CODE_PREVIEW_PATTERN_OR_RULE', message),
        ])
      }
      return c.json(await previewNextCodes(ctxOf(c, c.req.valid('param').tenant), input), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/code-rules/{name}',
      tags: ['code rules'],
      summary: 'One rule by name',
      request: { params: NameParam },
      responses: { 200: json(RuleOut, 'Rule'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(ruleOut(await getCodeRule(ctxOf(c, p.tenant), p.name)), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/t/{tenant}/code-rules/{name}',
      tags: ['code rules'],
      summary: 'Change a rule (re-checked); codes it issued stay and become off-rule if the pattern changed',
      request: { params: NameParam, ...body(RulePatch) },
      responses: { 200: json(RuleOut, 'Changed'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(ruleOut(await updateCodeRule(ctxOf(c, p.tenant), p.name, c.req.valid('json'))), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/t/{tenant}/code-rules/{name}',
      tags: ['code rules'],
      summary: 'Delete a rule that never issued a code and is not the default',
      request: { params: NameParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      await deleteCodeRule(ctxOf(c, p.tenant), p.name)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/code-maps',
      tags: ['code rules'],
      summary: 'List map tables (对照表: value → short code)',
      request: { params: TenantParam },
      responses: { 200: json(z.object({ items: z.array(MapOut) }), 'Maps'), ...problemResponses },
    }),
    async (c) => c.json({ items: await listCodeMaps(ctxOf(c, c.req.valid('param').tenant)) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/code-maps',
      tags: ['code rules'],
      summary: 'Create a map table',
      request: { params: TenantParam, ...body(CodeMapInput) },
      responses: { 201: json(MapOut, 'Created'), ...problemResponses },
    }),
    async (c) => c.json(await createCodeMap(ctxOf(c, c.req.valid('param').tenant), c.req.valid('json')), 201),
  )

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/t/{tenant}/code-maps/{name}',
      tags: ['code rules'],
      summary: 'Replace a map table; refused when an active rule using it would print one code twice',
      request: { params: NameParam, ...body(CodeMapInput) },
      responses: { 200: json(MapOut, 'Changed'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json(await updateCodeMap(ctxOf(c, p.tenant), p.name, c.req.valid('json')), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/codes/audit',
      tags: ['codes'],
      summary: 'Every duplicated, malformed or off-rule code, and counters behind a code, each with a fix',
      request: { params: TenantParam },
      responses: { 200: json(AuditOut, 'Findings'), ...problemResponses },
    }),
    async (c) => {
      // the audit reads every code: on a read worker (ADR 0022)
      const report = await c.var.reads.run('auditCodes', ctxOf(c, c.req.valid('param').tenant))
      return c.json(codeAuditOut(report, c.var.lang), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/codes/audit/fix',
      tags: ['codes'],
      summary:
        'Start a job that runs the audit and moves every counter that is behind past its codes (audited); codes are never rewritten',
      description:
        'Answers 202 with the job at once; follow it with `GET /jobs/{id}`. Its result: `{ checked, fixed, counts }`.',
      request: { params: TenantParam },
      responses: { 202: json(JobStarted, 'Started'), ...problemResponses },
    }),
    async (c) => {
      const ctx = ctxOf(c, c.req.valid('param').tenant)
      const job = await startJob(ctx, kinds.codeAuditFix, {})
      return c.json({ job: jobView(job, c.var.lang) }, 202)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/codes/capacity',
      tags: ['codes'],
      summary: 'Per counter: used, remaining, rate over 30 days, days until exhausted, warning level',
      request: { params: TenantParam },
      responses: { 200: json(CapacityOut, 'Capacity'), ...problemResponses },
    }),
    async (c) => {
      const items = await c.var.reads.run('codeCapacity', ctxOf(c, c.req.valid('param').tenant))
      return c.json({ items: capacityOut(items, c.var.lang) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/codes/lookup/{code}',
      tags: ['codes'],
      summary: 'The customer holding a code, live or old (an alias after a re-code)',
      request: { params: TenantParam.extend({ code: z.string().max(100) }) },
      responses: { 200: json(ByCodeOut, 'Customer'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const r = await getCustomerByCode(ctxOf(c, p.tenant), p.code)
      return c.json(
        { customerId: r.customer.id, code: r.customer.code, name: r.customer.name, matched: r.matched, alias: r.alias },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/customers/{id}/recode',
      tags: ['codes'],
      summary: 'Re-code a customer (by id or code): the old code stays as an alias; audited',
      request: {
        params: TenantParam.extend({ id: z.string().openapi({ description: 'Customer id or current code' }) }),
        ...body(RecodeCustomerInput),
      },
      responses: { 200: json(RecodeOut, 'Re-coded'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const r = await recodeCustomer(ctxOf(c, p.tenant), p.id, c.req.valid('json'))
      return c.json(
        {
          customerId: r.customer.id,
          oldCode: r.oldCode,
          newCode: r.newCode,
          rule: r.rule,
          version: r.customer.version,
          ...(r.codeWarning ? { codeWarning: pick(r.codeWarning, c.var.lang) } : {}),
        },
        200,
      )
    },
  )
}
