import { z } from '@hono/zod-openapi'
import { type ErrorCode, type ErrorSpec, errorStatus } from '@kehu/core'
import { API_ERRORS } from '../errors.js'

/** One problem, in the request's language (app's presenter `issuesOut`). */
export const IssueOut = z
  .object({
    path: z.array(z.union([z.string(), z.number()])),
    label: z.string().openapi({ description: "The field in the user's words" }),
    code: z.string(),
    message: z.string(),
  })
  .openapi('Issue')

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.enum(Object.keys(API_ERRORS) as [ErrorCode, ...ErrorCode[]]).openapi({ description: errorCodeTable() }),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string(),
    issues: z.array(IssueOut).optional(),
  })
  .openapi('Problem')

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
})

/** The error responses every route can give (RFC 9457 problem+json). */
export const problemResponses = {
  400: problem('Invalid input: every problem in `issues`'),
  404: problem('Not found'),
  409: problem('Conflict'),
  500: problem('Internal error'),
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

/** One field of a recorded change, before → after (a customer's history, the audit log). */
export const FieldChangeOut = z
  .object({
    field: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    masked: z
      .boolean()
      .optional()
      .openapi({ description: 'Set when the values are masked for this caller (a sensitive field)' }),
  })
  .openapi('FieldChange')

export const TenantParam = z.object({ tenant: z.string().max(100).openapi({ description: 'Tenant code (账套编码)' }) })

/** A data scope of a member (contracts: members and data scopes): a class or region node, or own customers. */
export const ScopeOut = z
  .union([
    z.object({
      kind: z.literal('node'),
      nodeId: z.string(),
      subtree: z.boolean().openapi({ description: 'true: the node and everything below it (本级及下级)' }),
      schemeCode: z.string(),
      schemeName: z.string(),
      nodeCode: z.string(),
      nodeName: z.string(),
    }),
    z.object({ kind: z.literal('own').openapi({ description: 'Only customers the member is account manager of' }) }),
  ])
  .openapi('Scope')

/** The catalogued codes as a Markdown table, for the `code` of every problem in the API reference. */
function errorCodeTable(): string {
  const specs: Record<string, ErrorSpec> = API_ERRORS
  const rows = Object.entries(specs).map(
    ([code, spec]) => `| \`${code}\` | ${spec.status ?? errorStatus[spec.kind]} | ${spec.en} | ${spec.zh} |`,
  )
  return [
    'The error code (错误码):',
    '',
    '| code | HTTP | meaning | 含义 |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n')
}
