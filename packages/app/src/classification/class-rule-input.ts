import {
  assertAssignable,
  assertNoIssues,
  type ClassNode,
  type ClassRule,
  describeFilter,
  Filter,
  type Issue,
  isAppError,
  issue,
  type Lang,
  type Tx,
  text,
  validateFilter,
} from '@kehu/core'
import { z } from 'zod'
import { knownFilterFields } from './internal/class-index.js'
import { resolveNode } from './internal/resolve-node.js'
import type { SchemeContext } from './internal/scheme-context.js'

export const ClassRuleInput = z.object({
  name: z.string().max(200),
  /** The condition, in the one filter structure. */
  condition: Filter,
  /** Code of the target class. */
  node: z.string().max(100),
  enabled: z.boolean().optional(),
  /** Order within the scheme (lower first); omitted: last. */
  position: z.number().int().min(0).max(1_000_000).optional(),
})
export type ClassRuleInput = z.infer<typeof ClassRuleInput>

export const RULE_NAME_MAX = 100

export interface ClassRuleView {
  id: string
  name: string
  position: number
  condition: Filter
  /** The condition in words, both languages. */
  description: { zh: string; en: string }
  node: string
  nodeName: string
  enabled: boolean
}

export const classRuleView = (r: ClassRule, nodes: readonly ClassNode[]): ClassRuleView => {
  const node = nodes.find((n) => n.id === r.nodeId)
  const describe = (lang: Lang) => {
    try {
      return describeFilter(r.condition as Filter, lang)
    } catch {
      return JSON.stringify(r.condition)
    }
  }
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    condition: r.condition as Filter,
    description: { zh: describe('zh-CN'), en: describe('en') },
    node: node?.code ?? '',
    nodeName: node?.name ?? '',
    enabled: r.enabled,
  }
}

/** Checks a rule (name free in the scheme, condition valid for the tenant, target takes customers); every problem at once. */
export async function checkClassRule(
  tx: Tx,
  ctx: SchemeContext,
  input: ClassRuleInput,
  rules: readonly ClassRule[],
  selfId?: string,
): Promise<{ name: string; node: ClassNode }> {
  const issues: Issue[] = []
  const name = input.name.normalize('NFKC').trim()
  if (name === '')
    issues.push(issue(['name'], 'CLASS_RULE_NAME_REQUIRED', text('规则名称不能为空', 'A rule name is required')))
  else if (name.length > RULE_NAME_MAX)
    issues.push(
      issue(
        ['name'],
        'CLASS_RULE_NAME_TOO_LONG',
        text(`名称最长 ${RULE_NAME_MAX} 字`, `At most ${RULE_NAME_MAX} characters`),
      ),
    )
  else if (rules.some((r) => r.id !== selfId && r.name.toLowerCase() === name.toLowerCase()))
    issues.push(
      issue(
        ['name'],
        'CLASS_RULE_NAME_TAKEN',
        text(`本分类体系已有规则 ${name}`, `The scheme already has a rule ${name}`),
      ),
    )
  const known = await knownFilterFields(tx, ctx.tenant.id, await tx.schemes.list(ctx.tenant.id))
  issues.push(...validateFilter(input.condition, known, ['condition']))
  const node = await resolveNode(tx, ctx.tenant.id, ctx.scheme.id, input.node)
  if (!node)
    issues.push(issue(['node'], 'CLASS_NOT_FOUND', text(`分类不存在：${input.node}`, `No such class: ${input.node}`)))
  else
    try {
      assertAssignable(ctx.scheme, ctx.nodes, node.id)
    } catch (e) {
      if (!isAppError(e)) throw e
      issues.push(...e.issues.map((i) => ({ ...i, path: ['node'] })))
    }
  assertNoIssues(issues, 'CLASS_RULE_INVALID', text('自动分类规则无效', 'The automatic classification rule is invalid'))
  return { name, node: node as ClassNode }
}
