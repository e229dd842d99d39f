import {
  assertCan,
  assertNoIssues,
  type ClassDefaults,
  type ClassNode,
  displayName,
  type Issue,
  issue,
  NODE_NAME_MAX,
  parseInput,
  text,
} from '@kehu/core'
import { z } from 'zod'
import { auditEvent, diff } from '../audit/audit-event.js'
import { assertRulesStillUnique } from '../codes/internal/recheck-rules.js'
import type { RequestContext } from '../context.js'
import { requireNode } from './internal/node-lookup.js'
import { loadScheme } from './internal/scheme-context.js'

export const NodeDefaultsInput = z.object({
  /** Login of the account manager; null clears it. */
  accountManager: z.string().max(100).nullable().optional(),
  /** Name of the code rule; null clears it. */
  codeRule: z.string().max(100).nullable().optional(),
  serviceLevel: z.string().max(50).nullable().optional(),
})
export type NodeDefaultsInput = z.infer<typeof NodeDefaultsInput>

export const UpdateNodeInput = z.object({
  name: z.string().max(200).optional(),
  enabled: z.boolean().optional(),
  defaults: NodeDefaultsInput.optional(),
})
export type UpdateNodeInput = z.infer<typeof UpdateNodeInput>

const nameKey = (name: string) => name.normalize('NFKC').trim().toLowerCase()

/** Renames, disables/enables a class or sets its defaults; everything is checked before anything is written. */
export async function updateNode(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  code: string,
  raw: UpdateNodeInput,
): Promise<ClassNode> {
  assertCan(actor, 'class:edit')
  const input = parseInput(UpdateNodeInput, raw, 'CLASS_NODE_INVALID')
  return deps.store.transaction(async (tx) => {
    const { tenant, scheme, nodes } = await loadScheme(tx, tenantCode, schemeCode)
    const node = await requireNode(tx, scheme, code)
    const issues: Issue[] = []
    const next: ClassNode = { ...node, defaults: { ...node.defaults } }
    if (input.name !== undefined) {
      const name = input.name.normalize('NFKC').trim()
      next.name = name
      if (name === '') issues.push(issue(['name'], 'CLASS_NAME_REQUIRED', text('名称不能为空', 'A name is required')))
      else if (name.length > NODE_NAME_MAX)
        issues.push(
          issue(
            ['name'],
            'CLASS_NAME_TOO_LONG',
            text(`名称最长 ${NODE_NAME_MAX} 字`, `A name has at most ${NODE_NAME_MAX} characters`),
          ),
        )
      else {
        const twin = nodes.find(
          (n) => n.id !== node.id && n.parentId === node.parentId && nameKey(n.name) === nameKey(name),
        )
        if (twin)
          issues.push(
            issue(
              ['name'],
              'CLASS_NAME_TAKEN',
              text(`同级已有同名分类 ${displayName(twin)}`, `A sibling already has this name: ${displayName(twin)}`),
            ),
          )
      }
    }
    if (input.enabled !== undefined) next.enabled = input.enabled
    const d = input.defaults
    if (d) {
      const defaults: ClassDefaults = next.defaults
      if (d.accountManager !== undefined) {
        if (d.accountManager === null || d.accountManager.trim() === '') defaults.accountManagerId = null
        else {
          const user = await tx.users.byLogin(d.accountManager.trim())
          if (user) defaults.accountManagerId = user.id
          else
            issues.push(
              issue(
                ['defaults', 'accountManager'],
                'CLASS_DEFAULT_USER_NOT_FOUND',
                text(`用户不存在：${d.accountManager}`, `No such user: ${d.accountManager}`),
              ),
            )
        }
      }
      if (d.codeRule !== undefined) {
        if (d.codeRule === null || d.codeRule.trim() === '') defaults.codeRuleId = null
        else {
          const rule = await tx.codeRules.byName(tenant.id, d.codeRule.trim())
          if (rule) defaults.codeRuleId = rule.id
          else
            issues.push(
              issue(
                ['defaults', 'codeRule'],
                'CLASS_DEFAULT_RULE_NOT_FOUND',
                text(`编码规则不存在：${d.codeRule}`, `No such code rule: ${d.codeRule}`),
              ),
            )
        }
      }
      if (d.serviceLevel !== undefined)
        defaults.serviceLevel = d.serviceLevel === null || d.serviceLevel.trim() === '' ? null : d.serviceLevel.trim()
    }
    assertNoIssues(
      issues,
      'CLASS_INVALID',
      text(`分类 ${displayName(node)} 不能这样修改`, `The class ${displayName(node)} cannot change this way`),
    )
    const changes = diff(node, next, ['updatedAt'])
    if (Object.keys(changes).length === 0) return node
    next.updatedAt = deps.clock.now().toISOString()
    await tx.nodes.update(next)
    await assertRulesStillUnique(tx, tenant, scheme.code)
    const action =
      input.enabled !== undefined && node.enabled !== next.enabled
        ? next.enabled
          ? 'class.enabled'
          : 'class.disabled'
        : 'class.updated'
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, action, 'class', node.id, { scheme: scheme.code, code: node.code, changes }),
    )
    return next
  })
}

export const renameNode = (ctx: RequestContext, scheme: string, code: string, name: string) =>
  updateNode(ctx, scheme, code, { name })

export const setNodeEnabled = (ctx: RequestContext, scheme: string, code: string, enabled: boolean) =>
  updateNode(ctx, scheme, code, { enabled })

export const setNodeDefaults = (ctx: RequestContext, scheme: string, code: string, defaults: NodeDefaultsInput) =>
  updateNode(ctx, scheme, code, { defaults })
