import {
  type Actor,
  assertNoIssues,
  BUILTIN_SCHEMES,
  CUSTOMER_STATUSES,
  type CustomerFilterQuery,
  descendantsOf,
  type Issue,
  issue,
  schemeWords,
  seesSensitive,
  type Tx,
  text,
} from '@kehu/core'
import type { ClassIndex } from '../../classification/internal/class-index.js'
import { resolveNode } from '../../classification/internal/resolve-node.js'
import type { FindCustomersInput } from '../find-customers.js'

const listOf = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : (v ?? '').split(','))
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * The customer list's filter (status words, node codes with their subtrees, text) as a storage query; every
 * unknown status, scheme or node is one issue of one `invalid` error. The list and the export share it, so an
 * export gives exactly the customers the list shows.
 */
export async function resolveCustomerFilter(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  index: ClassIndex,
  input: Omit<FindCustomersInput, 'limit' | 'offset'>,
): Promise<CustomerFilterQuery> {
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
      const node = await resolveNode(tx, tenantId, scheme.id, code)
      if (!node) {
        issues.push(
          issue(
            path,
            'CLASS_NOT_FOUND',
            text(
              `${scheme.name}中没有编码为 ${code} 的分类`,
              `${schemeWords(scheme).en} has no class with code ${code}`,
            ),
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
  return {
    ...(input.q?.trim() ? { q: input.q.trim(), matchSensitive: seesSensitive(actor) } : {}),
    status: status.length > 0 ? status : ['active', 'disabled'],
    nodes,
  }
}
