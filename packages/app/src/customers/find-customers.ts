import {
  assertCan,
  assertNoIssues,
  BUILTIN_SCHEMES,
  CUSTOMER_STATUSES,
  descendantsOf,
  type Issue,
  issue,
  parseInput,
  seesSensitive,
  text,
  visibilityOf,
} from '@kehu/core'
import { z } from 'zod'
import { loadClassIndex } from '../classification/internal/class-index.js'
import { resolveNode } from '../classification/internal/resolve-node.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { type CustomerView, viewCustomers } from './customer-view.js'

const nodeList = z
  .union([z.string().max(2000), z.array(z.string().max(2000)).max(100)])
  .optional()
  .describe('Node codes (old codes too), comma separated; each matches its whole subtree (本级及下级)')

/** Filters of the customer list; the server's query string and the CLI's flags. */
export const FindCustomersInput = z.object({
  /** Code prefix (old codes too), name or short-name substring, mnemonic prefix, pinyin. */
  q: z.string().max(100).optional(),
  /** `active`, `disabled`, `archived` (comma separated); default: all but archived. */
  status: z.union([z.string().max(2000), z.array(z.string().max(2000)).max(100)]).optional(),
  type: nodeList,
  class: nodeList,
  region: nodeList,
  industry: nodeList,
  /** User-defined schemes: node codes per scheme code. */
  classes: z
    .record(z.string().max(100), z.union([z.string().max(2000), z.array(z.string().max(2000)).max(100)]))
    .optional(),
  /** The same as text for query strings and flags: `SCHEME:NODE[,NODE]`, repeatable. */
  scheme: z
    .union([z.string().max(2000), z.array(z.string().max(2000)).max(100)])
    .optional()
    .describe('User-defined schemes as SCHEME:NODE[,NODE] (with subtrees), repeatable, e.g. VALUE:A1'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
})
export type FindCustomersInput = z.infer<typeof FindCustomersInput>

export interface CustomerList {
  items: CustomerView[]
  total: number
  limit: number
  offset: number
}

const listOf = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : (v ?? '').split(','))
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)

/** A filtered page of customers in code order; archived ones only when asked for by status. */
export async function findCustomers(
  { deps, actor, tenant: tenantCode }: RequestContext,
  raw: FindCustomersInput = {},
): Promise<CustomerList> {
  assertCan(actor, 'customer:read')
  const input = parseInput(FindCustomersInput, raw)
  const limit = input.limit ?? 50
  const offset = input.offset ?? 0
  const issues: Issue[] = []
  const status = listOf(input.status)
  for (const s of status)
    if (!CUSTOMER_STATUSES.includes(s as 'active'))
      issues.push(
        issue(
          ['status'],
          'CUSTOMER_STATUS_UNKNOWN',
          text(
            `状态 ${s} 不存在（可选 active、disabled、archived）`,
            `Unknown status ${s} (active, disabled or archived)`,
          ),
        ),
      )
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const index = await loadClassIndex(tx, tenant.id)
    const wanted: [string, string[], (string | number)[]][] = []
    for (const s of BUILTIN_SCHEMES) wanted.push([s, listOf(input[s]), [s]])
    for (const [s, v] of Object.entries(input.classes ?? {})) wanted.push([s, listOf(v), ['classes', s]])
    for (const item of Array.isArray(input.scheme) ? input.scheme : input.scheme ? [input.scheme] : []) {
      const at = item.indexOf(':')
      if (at <= 0)
        issues.push(
          issue(
            ['scheme'],
            'CUSTOMER_SCHEME_FILTER',
            text(
              `分类筛选须写成 体系编码:分类编码，如 VALUE:A1（收到 ${item}）`,
              `A scheme filter reads SCHEME:NODE, e.g. VALUE:A1 (got ${item})`,
            ),
          ),
        )
      else wanted.push([item.slice(0, at).trim(), listOf(item.slice(at + 1)), ['scheme']])
    }
    const nodes: Record<string, string[]> = {}
    for (const [schemeCode, codes, path] of wanted) {
      if (codes.length === 0) continue
      const scheme = index.schemes.find((s) => s.code === schemeCode)
      if (!scheme) {
        issues.push(
          issue(
            path,
            'SCHEME_NOT_FOUND',
            text(`分类体系 ${schemeCode} 不存在`, `Classification scheme ${schemeCode} does not exist`),
          ),
        )
        continue
      }
      const all = index.nodesByScheme.get(scheme.id) ?? []
      // the same scheme named twice: either of its nodes
      const ids = new Set<string>(nodes[scheme.id] ?? [])
      for (const code of codes) {
        const node = await resolveNode(tx, tenant.id, scheme.id, code)
        if (!node) {
          issues.push(
            issue(
              path,
              'CLASS_NOT_FOUND',
              text(`${scheme.name}中没有编码为 ${code} 的分类`, `${scheme.name} has no class with code ${code}`),
            ),
          )
          continue
        }
        ids.add(node.id)
        for (const d of descendantsOf(all, node.id)) ids.add(d.id)
      }
      nodes[scheme.id] = [...ids]
    }
    assertNoIssues(issues, 'CUSTOMER_FILTER_INVALID', text('筛选条件有误', 'The filter is not valid'))
    const page = await tx.customers.find(tenant.id, visibilityOf(actor), {
      ...(input.q?.trim() ? { q: input.q.trim(), matchSensitive: seesSensitive(actor) } : {}),
      status: status.length > 0 ? status : ['active', 'disabled'],
      nodes,
      limit,
      offset,
    })
    return {
      items: await viewCustomers(tx, tenant.id, actor, page.items, index),
      total: page.total,
      limit,
      offset,
    }
  })
}
