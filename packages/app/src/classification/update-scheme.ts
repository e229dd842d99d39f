import {
  assertCan,
  assertNoIssues,
  type ClassScheme,
  EVERY_CUSTOMER,
  type Issue,
  isLeaf,
  issue,
  parseInput,
  planLevelChange,
  printLevels,
  schemeWords,
  text,
  visibilityOf,
} from '@kehu/core'
import { z } from 'zod'
import { auditEvent, diff } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { levelsFrom, validateSchemeName } from './create-scheme.js'
import { loadScheme } from './internal/scheme-context.js'
import { type SchemeSummary, schemeSummary } from './list-schemes.js'

export const UpdateSchemeInput = z.object({
  name: z.string().max(200).optional(),
  /** New level scheme `2-3-4`: used levels keep their length, unused ones may change (widen). */
  levels: z.string().max(100).optional(),
  leafOnly: z.boolean().optional(),
  enabled: z.boolean().optional(),
})
export type UpdateSchemeInput = z.infer<typeof UpdateSchemeInput>

/** Renames a scheme or changes its level scheme (refused for levels in use, with the reason) or leaf rule. */
export async function updateScheme(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  raw: UpdateSchemeInput,
): Promise<SchemeSummary> {
  assertCan(actor, 'class:edit')
  const input = parseInput(UpdateSchemeInput, raw, 'SCHEME_INVALID')
  return deps.store.transaction(async (tx) => {
    const { tenant, scheme, nodes } = await loadScheme(tx, tenantCode, schemeCode)
    const issues: Issue[] = []
    const next: ClassScheme = { ...scheme }
    if (input.name !== undefined) next.name = validateSchemeName(input.name, issues)
    if (input.levels !== undefined) {
      const levels = levelsFrom(input.levels, issues)
      if (levels === null || scheme.levels === null) {
        if ((levels === null) !== (scheme.levels === null) && nodes.length > 0)
          issues.push(
            issue(
              ['levels'],
              'SCHEME_KIND_IN_USE',
              text(
                `分类体系已有 ${nodes.length} 个分类，不能在平面列表与分级编码之间切换`,
                `The scheme has ${nodes.length} classes; it cannot switch between a flat list and a level scheme`,
              ),
            ),
          )
        else if (levels !== undefined) next.levels = levels
      } else if (levels !== undefined) {
        const aliases = (await tx.nodes.aliases(tenant.id, scheme.id)).map((a) => a.code)
        issues.push(...planLevelChange(scheme.levels, levels, [...nodes.map((n) => n.code), ...aliases]))
        next.levels = levels
      }
    }
    if (input.leafOnly !== undefined) {
      next.leafOnly = input.leafOnly
      if (input.leafOnly && !scheme.leafOnly) {
        const counts = await tx.nodes.customerCounts(tenant.id, EVERY_CUSTOMER, scheme.id)
        const held = nodes.filter((n) => !isLeaf(nodes, n.id) && (counts.get(n.id) ?? 0) > 0)
        if (held.length > 0)
          issues.push(
            issue(
              ['leafOnly'],
              'SCHEME_CUSTOMERS_ON_INNER_NODES',
              // Which classes hold them would tell a scoped caller where hidden customers are.
              visibilityOf(actor).kind === 'all'
                ? text(
                    `${held.length} 个非末级分类下有客户（如 ${held[0]?.code}），请先移到末级`,
                    `${held.length} non-leaf classes hold customers (e.g. ${held[0]?.code}); move them to leaves first`,
                  )
                : text(
                    '非末级分类下有客户，请先移到末级',
                    'Non-leaf classes hold customers; move them to leaves first',
                  ),
            ),
          )
      }
    }
    if (input.enabled !== undefined) next.enabled = input.enabled
    assertNoIssues(
      issues,
      'SCHEME_CHANGE_REFUSED',
      text(`分类体系 ${scheme.name} 不能这样修改`, `The scheme ${schemeWords(scheme).en} cannot change this way`),
    )
    const changes = diff(scheme, next)
    if (Object.keys(changes).length > 0) {
      await tx.schemes.update(next, deps.clock.now().toISOString())
      await tx.audit.append(
        auditEvent(deps, actor, tenant.id, 'scheme.updated', 'scheme', scheme.id, {
          scheme: scheme.code,
          changes,
          ...(changes.levels
            ? {
                levels: {
                  before: scheme.levels && printLevels(scheme.levels),
                  after: next.levels && printLevels(next.levels),
                },
              }
            : {}),
        }),
      )
    }
    return schemeSummary(next, nodes.length)
  })
}
