import { createRoute, z } from '@hono/zod-openapi'
import {
  archiveCustomer,
  CustomerInput,
  CustomerPatch,
  type CustomerView,
  createCustomer,
  customerCodePreviewOut,
  customerHistory,
  customerJson,
  deleteCustomer,
  etagOf,
  FindCustomersInput,
  getCustomer,
  PreviewSample,
  previewCustomerCode,
  restoreCustomer,
  setCustomerStatus,
  updateCustomer,
} from '@kehu/app'
import { AppError, pick, text } from '@kehu/core'
import type { Context } from 'hono'
import { ctxOf, type Env, type KehuApp } from '../context.js'
import { FieldChangeOut, IssueOut, json, ProblemSchema, problemResponses, TenantParam } from './common.js'

const tags = ['customers']
const IdParam = TenantParam.extend({
  id: z.string().max(100).openapi({ description: 'Customer id, code or old code (alias)' }),
})

const NodeRefOut = z.object({
  code: z.string(),
  name: z.string(),
  path: z.array(z.object({ code: z.string(), name: z.string() })),
})
const nullable = z.string().nullable()

export const CustomerOut = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    shortName: nullable,
    mnemonic: nullable,
    uscc: nullable,
    legalRepresentative: nullable,
    address: nullable,
    postcode: nullable,
    phone: nullable,
    email: nullable,
    website: nullable,
    bankName: nullable,
    bankAccount: nullable,
    taxNumber: nullable,
    accountManager: nullable.openapi({ description: 'Login of the account manager' }),
    department: nullable,
    creditGrade: nullable,
    creditLimit: nullable.openapi({ description: 'Yuan as a decimal string, e.g. "500000.00"' }),
    registrationDate: z.string(),
    headOffice: z.object({ code: z.string(), name: z.string() }).nullable(),
    lifecycleStage: nullable,
    status: z.enum(['active', 'disabled', 'archived']),
    remarks: nullable,
    type: nullable,
    class: nullable,
    region: nullable,
    industry: nullable,
    classes: z.record(z.string(), z.string()).openapi({ description: 'User-defined schemes: node code per scheme' }),
    nodes: z.record(z.string(), NodeRefOut).openapi({ description: 'Node code, name and path per scheme code' }),
    attributes: z.record(z.string(), z.unknown()),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
    updatedBy: z.string(),
    masked: z.array(z.string()).openapi({
      description:
        'Sensitive fields masked for this caller (without customer:sensitive), whether or not they hold a value; empty when none',
    }),
  })
  .openapi('Customer')
type CustomerOut = z.infer<typeof CustomerOut>

const CustomerDetailOut = CustomerOut.extend({
  codes: z.array(z.object({ code: z.string(), kind: z.enum(['live', 'alias']), createdAt: z.string() })),
  matchedAlias: z.string().optional().openapi({ description: 'The old code the customer was found by' }),
}).openapi('CustomerDetail')

const CreatedOut = CustomerOut.extend({
  codeReplaced: z
    .object({ requested: z.string(), issued: z.string() })
    .optional()
    .openapi({ description: 'The typed code was taken; as asked (nextCodeIfTaken), the rule issued this one instead' }),
  codeWarning: z.string().optional().openapi({
    description: 'The typed code does not fit the rule and was kept as a legacy code (the rule allows it): why',
  }),
  replayed: z.boolean().optional().openapi({ description: 'An idempotent retry returned the first result' }),
})

const HistoryOut = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    changes: z.array(FieldChangeOut),
    note: z.string().optional(),
  })
  .openapi('CustomerHistoryEntry')

// Without customer:sensitive a value for a sensitive field is refused; sending back the mask one was shown is not.
const sensitiveRefused = {
  403: {
    description:
      'Not allowed: `CUSTOMER_SENSITIVE_FIELD` when the body sets a sensitive field (phone, e-mail, bank account, tax number, credit limit, USCC) without customer:sensitive; `issues` names each',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
}

/** A customer as the API shows it (see `customerJson`). */
export const customerOut = (v: CustomerView): CustomerOut => customerJson(v)

// If-Match compares strong tags only (RFC 9110 13.1.1): a weak W/"v3" never matches.
const IF_MATCH = /^"v(\d+)"$/

/** The version an `If-Match: "v<n>"` names; undefined when absent (and `required` is false). */
function ifMatchVersion(c: Context<Env>, required: boolean): number | undefined {
  const raw = c.req.header('if-match')?.trim()
  if (!raw) {
    if (!required) return undefined
    throw new AppError(
      'precondition-required',
      'CUSTOMER_IF_MATCH_REQUIRED',
      text(
        '修改客户需要带上 If-Match 头（读取客户时得到的 ETag，如 "v3"），以免覆盖他人的修改',
        'Editing a customer needs an If-Match header (the ETag from reading it, e.g. "v3") so no one else\'s change is overwritten',
      ),
    )
  }
  if (raw.startsWith('W/'))
    throw new AppError(
      'precondition-failed',
      'CUSTOMER_IF_MATCH_WEAK',
      text(
        `If-Match 只接受强 ETag（如 "v3"），弱标签 ${raw} 不会匹配`,
        `If-Match takes strong ETags only (e.g. "v3"); the weak tag ${raw} never matches`,
      ),
    )
  const m = IF_MATCH.exec(raw)
  if (!m)
    throw new AppError(
      'invalid',
      'CUSTOMER_IF_MATCH_INVALID',
      text(`If-Match 应为 "v<版本号>"，收到 ${raw}`, `If-Match must be "v<version>", not ${raw}`),
    )
  return Number(m[1])
}

const ifMatchHeader = z.object({
  'if-match': z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'The ETag of the version being changed, e.g. "v3"' }),
})

const preconditionResponses = {
  412: {
    description: 'Stale version: `currentVersion`, `expectedVersion` and the current ETag',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  428: {
    description: 'If-Match is missing',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
}

/**
 * The customer archive (docs/decisions/0014-design-brief.md, D): create, read, find, edit, status changes, delete,
 * history.
 */
export function registerCustomerRoutes(app: KehuApp) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/customers',
      tags,
      summary: 'Create a customer; its code comes from the applicable rule (or is typed, as the rule allows)',
      request: {
        params: TenantParam,
        headers: z.object({
          'idempotency-key': z
            .string()
            .max(200)
            .optional()
            .openapi({ description: 'A retry with the same key returns the first result and spends no code' }),
        }),
        body: { content: { 'application/json': { schema: CustomerInput } }, required: true },
      },
      responses: { 201: json(CreatedOut, 'Created; ETag "v1"'), ...sensitiveRefused, ...problemResponses },
    }),
    async (c) => {
      const { tenant } = c.req.valid('param')
      const key = c.req.header('idempotency-key')
      const r = await createCustomer(ctxOf(c, tenant), c.req.valid('json'), {
        ...(key ? { idempotencyKey: key } : {}),
      })
      c.header('ETag', etagOf(r.customer.version))
      c.header('Location', `/api/t/${encodeURIComponent(tenant)}/customers/${encodeURIComponent(r.customer.code)}`)
      if (r.replayed) c.header('Idempotent-Replayed', 'true')
      return c.json(
        {
          ...customerOut(r),
          ...(r.codeReplaced ? { codeReplaced: r.codeReplaced } : {}),
          ...(r.codeWarning ? { codeWarning: pick(r.codeWarning, c.var.lang) } : {}),
          ...(r.replayed ? { replayed: true } : {}),
        },
        201,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/t/{tenant}/customers/code-preview',
      tags,
      summary:
        'The rule and the next code a new customer with these values would get (chosen as a create chooses); nothing is reserved',
      request: {
        params: TenantParam,
        body: { content: { 'application/json': { schema: PreviewSample } }, required: true },
      },
      responses: {
        200: json(
          z.object({
            rule: z.object({
              name: z.string(),
              pattern: z.string(),
              mode: z.enum(['auto', 'auto-editable', 'manual']),
            }),
            code: z.string().nullable(),
            typed: z
              .enum(['free', 'taken', 'refused'])
              .optional()
              .openapi({ description: 'A typed code: free, taken (live or old code), or refused by the rule' }),
            suggestion: z
              .string()
              .optional()
              .openapi({ description: 'The next free code, when the typed one is taken or refused' }),
            missing: z.array(IssueOut),
            issues: z.array(IssueOut),
            needs: z.array(z.string()),
            warnings: z.array(IssueOut),
          }),
          'The rule, the code (null while values the rule prints are missing), what is missing, and what a create would refuse',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const r = await previewCustomerCode(ctxOf(c, c.req.valid('param').tenant), c.req.valid('json'))
      return c.json(customerCodePreviewOut(r, c.var.lang), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/customers',
      tags,
      summary:
        'Find customers: q (code or old code prefix, name, mnemonic, pinyin), status, class/region/industry/type with subtrees',
      request: { params: TenantParam, query: FindCustomersInput.omit({ classes: true }) },
      responses: {
        200: json(
          z.object({ items: z.array(CustomerOut), total: z.number(), limit: z.number(), offset: z.number() }),
          'A page of customers in code order',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      const page = await c.var.reads.run('findCustomers', ctxOf(c, c.req.valid('param').tenant), c.req.valid('query'))
      return c.json({ ...page, items: page.items.map(customerOut) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/customers/{id}',
      tags,
      summary: 'One customer by id, code or old code, with its codes and aliases; ETag "v<version>"',
      request: { params: IdParam },
      responses: { 200: json(CustomerDetailOut, 'The customer'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const d = await getCustomer(ctxOf(c, p.tenant), p.id)
      c.header('ETag', etagOf(d.customer.version))
      return c.json(
        { ...customerOut(d), codes: d.codes, ...(d.matchedAlias ? { matchedAlias: d.matchedAlias } : {}) },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/t/{tenant}/customers/{id}',
      tags,
      summary: 'Edit a customer (only the given fields; the code never changes here). Requires If-Match: "v<n>"',
      request: {
        params: IdParam,
        headers: ifMatchHeader,
        body: { content: { 'application/json': { schema: CustomerPatch } }, required: true },
      },
      responses: {
        200: json(
          CustomerOut.extend({
            changes: z.record(
              z.string(),
              z.object({ before: z.unknown(), after: z.unknown(), masked: z.boolean().optional() }),
            ),
          }),
          'Updated; the new ETag',
        ),
        ...sensitiveRefused,
        ...problemResponses,
        ...preconditionResponses,
      },
    }),
    async (c) => {
      const p = c.req.valid('param')
      const version = ifMatchVersion(c, true) as number
      const r = await updateCustomer(ctxOf(c, p.tenant), p.id, version, c.req.valid('json'))
      c.header('ETag', etagOf(r.customer.version))
      return c.json({ ...customerOut(r), changes: r.changes }, 200)
    },
  )

  const actions = {
    disable: {
      summary: 'Disable (停用) a customer',
      run: setCustomerStatus,
      arg: 'disabled' as const,
    },
    enable: { summary: 'Enable (启用) a disabled customer', run: setCustomerStatus, arg: 'active' as const },
    archive: { summary: 'Archive (归档, soft delete): hidden from default lists', run: archiveCustomer },
    restore: { summary: 'Restore an archived customer', run: restoreCustomer },
  }
  for (const [name, a] of Object.entries(actions)) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/t/{tenant}/customers/{id}/${name}`,
        tags,
        summary: `${a.summary}; If-Match optional`,
        request: { params: IdParam, headers: ifMatchHeader },
        responses: {
          200: json(CustomerOut.extend({ changed: z.boolean() }), 'The customer after the change'),
          ...problemResponses,
          412: preconditionResponses[412],
        },
      }),
      async (c) => {
        const p = c.req.valid('param')
        const version = ifMatchVersion(c, false)
        const r =
          'arg' in a
            ? await a.run(ctxOf(c, p.tenant), p.id, a.arg, version)
            : await a.run(ctxOf(c, p.tenant), p.id, version)
        c.header('ETag', etagOf(r.customer.version))
        return c.json({ ...customerOut(r), changed: r.changed }, 200)
      },
    )
  }

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/t/{tenant}/customers/{id}',
      tags,
      summary: 'Delete a customer for good (administrators; refused while referenced — archive instead)',
      request: { params: IdParam, headers: ifMatchHeader },
      responses: {
        204: { description: 'Deleted' },
        403: {
          description: 'Not an administrator',
          content: { 'application/problem+json': { schema: ProblemSchema } },
        },
        ...problemResponses,
        412: preconditionResponses[412],
      },
    }),
    async (c) => {
      const p = c.req.valid('param')
      await deleteCustomer(ctxOf(c, p.tenant), p.id, ifMatchVersion(c, false))
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/t/{tenant}/customers/{id}/history',
      tags,
      summary: 'Every change of a customer: who, when, before → after per field (oldest first)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ items: z.array(HistoryOut) }), 'History'), ...problemResponses },
    }),
    async (c) => {
      const p = c.req.valid('param')
      return c.json({ items: await customerHistory(ctxOf(c, p.tenant), p.id) }, 200)
    },
  )
}
