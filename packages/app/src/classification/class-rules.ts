import { assertCan, type ClassRule, notFound, parseInput, schemeWords, type Tx, text } from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { ClassRuleInput, type ClassRuleView, checkClassRule, classRuleView } from './class-rule-input.js'
import { loadScheme, type SchemeContext } from './internal/scheme-context.js'

// The four rule use cases share one file: each is a few lines around checkClassRule.

async function ruleOf(tx: Tx, ctx: SchemeContext, idOrName: string): Promise<ClassRule> {
  const rules = await tx.classRules.list(ctx.tenant.id, ctx.scheme.id)
  const rule = rules.find((r) => r.id === idOrName) ?? rules.find((r) => r.name === idOrName.normalize('NFKC').trim())
  if (!rule)
    throw notFound(
      'CLASS_RULE_NOT_FOUND',
      text(
        `分类体系 ${ctx.scheme.name} 中没有规则 ${idOrName}`,
        `The scheme ${schemeWords(ctx.scheme).en} has no rule ${idOrName}`,
      ),
      { rule: idOrName },
    )
  return rule
}

/** The automatic classification rules of a scheme, in the order they are tried. */
export async function listClassRules(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
): Promise<ClassRuleView[]> {
  assertCan(actor, 'class:read')
  return deps.store.read(async (tx) => {
    const ctx = await loadScheme(tx, tenantCode, schemeCode)
    return (await tx.classRules.list(ctx.tenant.id, ctx.scheme.id)).map((r) => classRuleView(r, ctx.nodes))
  })
}

export async function createClassRule(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  raw: ClassRuleInput,
): Promise<ClassRuleView> {
  assertCan(actor, 'class:edit')
  const input = parseInput(ClassRuleInput, raw, 'CLASS_RULE_INVALID')
  return deps.store.transaction(async (tx) => {
    const ctx = await loadScheme(tx, tenantCode, schemeCode)
    const rules = await tx.classRules.list(ctx.tenant.id, ctx.scheme.id)
    const { name, node } = await checkClassRule(tx, ctx, input, rules)
    const now = deps.clock.now().toISOString()
    const rule: ClassRule = {
      id: deps.ids.next(),
      tenantId: ctx.tenant.id,
      schemeId: ctx.scheme.id,
      name,
      position: input.position ?? Math.max(0, ...rules.map((r) => r.position + 1)),
      condition: input.condition,
      nodeId: node.id,
      enabled: input.enabled ?? true,
      createdAt: now,
      updatedAt: now,
    }
    await tx.classRules.insert(rule)
    await tx.audit.append(
      auditEvent(deps, actor, ctx.tenant.id, 'classRule.created', 'classRule', rule.id, {
        scheme: ctx.scheme.code,
        after: { ...rule, node: node.code },
      }),
    )
    return classRuleView(rule, ctx.nodes)
  })
}

export const UpdateClassRuleInput = z.object({
  name: z.string().max(200).optional(),
  condition: z.unknown().optional(),
  node: z.string().max(100).optional(),
  enabled: z.boolean().optional(),
  position: z.number().int().min(0).max(1_000_000).optional(),
})

export async function updateClassRule(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  idOrName: string,
  input: Partial<ClassRuleInput>,
): Promise<ClassRuleView> {
  assertCan(actor, 'class:edit')
  return deps.store.transaction(async (tx) => {
    const ctx = await loadScheme(tx, tenantCode, schemeCode)
    const rules = await tx.classRules.list(ctx.tenant.id, ctx.scheme.id)
    const rule = await ruleOf(tx, ctx, idOrName)
    const merged: ClassRuleInput = {
      name: input.name ?? rule.name,
      condition: (input.condition ?? rule.condition) as ClassRuleInput['condition'],
      node: input.node ?? ctx.nodes.find((n) => n.id === rule.nodeId)?.code ?? '',
      enabled: input.enabled ?? rule.enabled,
      position: input.position ?? rule.position,
    }
    const { name, node } = await checkClassRule(tx, ctx, merged, rules, rule.id)
    const next: ClassRule = {
      ...rule,
      name,
      condition: merged.condition,
      nodeId: node.id,
      enabled: merged.enabled ?? true,
      position: merged.position ?? rule.position,
      updatedAt: deps.clock.now().toISOString(),
    }
    await tx.classRules.update(next)
    await tx.audit.append(
      auditEvent(deps, actor, ctx.tenant.id, 'classRule.updated', 'classRule', rule.id, {
        scheme: ctx.scheme.code,
        before: rule,
        after: next,
      }),
    )
    return classRuleView(next, ctx.nodes)
  })
}

export async function deleteClassRule(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  idOrName: string,
): Promise<void> {
  assertCan(actor, 'class:edit')
  await deps.store.transaction(async (tx) => {
    const ctx = await loadScheme(tx, tenantCode, schemeCode)
    const rule = await ruleOf(tx, ctx, idOrName)
    await tx.classRules.delete(ctx.tenant.id, rule.id)
    await tx.audit.append(
      auditEvent(deps, actor, ctx.tenant.id, 'classRule.deleted', 'classRule', rule.id, {
        scheme: ctx.scheme.code,
        before: rule,
      }),
    )
  })
}
