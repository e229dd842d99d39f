import {
  assertCan,
  assertNoIssues,
  type ClassNode,
  EVERY_CUSTOMER,
  levelOf,
  normalizeNodeCode,
  parentCodeOf,
  parseInput,
  suggestNextSibling,
  tallyFor,
  text,
  validateNewNode,
  visibilityOf,
} from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import { assertRulesStillUnique } from '../codes/internal/recheck-rules.js'
import type { RequestContext } from '../context.js'
import { loadScheme } from './internal/scheme-context.js'

export const CreateNodeInput = z.object({
  /** Omitted: the next free sibling code is taken. */
  code: z.string().max(100).optional(),
  name: z.string().max(200),
  parentCode: z.string().max(100).nullable().optional(),
  enabled: z.boolean().optional(),
  /** Leaf-only scheme, parent holding customers: move them onto the new child in the same transaction. */
  moveParentCustomers: z.boolean().optional(),
})
export type CreateNodeInput = z.infer<typeof CreateNodeInput>

/** Adds a node to a scheme: the code fits the level scheme, the parent exists, nothing is taken. */
export async function createNode(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  raw: CreateNodeInput,
): Promise<ClassNode> {
  assertCan(actor, 'class:edit')
  const input = parseInput(CreateNodeInput, raw, 'CLASS_NODE_INVALID')
  return deps.store.transaction(async (tx) => {
    const { tenant, scheme, nodes } = await loadScheme(tx, tenantCode, schemeCode)
    const aliases = (await tx.nodes.aliases(tenant.id, scheme.id)).map((a) => a.code)
    const givenCode = input.code && input.code.trim() !== '' ? normalizeNodeCode(input.code) : null
    // A hierarchical code names its parent itself (01001 → 01); validateNewNode refuses a contradicting parentCode.
    const parentCode = input.parentCode
      ? normalizeNodeCode(input.parentCode)
      : givenCode && scheme.levels && levelOf(scheme.levels, givenCode) !== null
        ? parentCodeOf(scheme.levels, givenCode)
        : null
    const parent = parentCode ? nodes.find((n) => normalizeNodeCode(n.code) === parentCode) : undefined
    const code =
      input.code && input.code.trim() !== ''
        ? normalizeNodeCode(input.code)
        : scheme.levels
          ? suggestNextSibling(scheme.levels, parentCode, [
              ...nodes.filter((n) => n.parentId === (parent?.id ?? null)).map((n) => n.code),
              ...aliases,
            ])
          : ''
    const counts = parent ? await tx.nodes.customerCounts(tenant.id, EVERY_CUSTOMER, scheme.id) : undefined
    assertNoIssues(
      validateNewNode(
        scheme,
        nodes,
        { code, name: input.name, parentCode },
        {
          aliasCodes: aliases,
          parentCustomerCount:
            parent && !input.moveParentCustomers ? tallyFor(visibilityOf(actor), counts?.get(parent.id) ?? 0) : 0,
        },
      ),
      'CLASS_INVALID',
      text('分类无法创建', 'The class cannot be created'),
    )
    const now = deps.clock.now().toISOString()
    const node: ClassNode = {
      id: deps.ids.next(),
      tenantId: tenant.id,
      schemeId: scheme.id,
      code,
      name: input.name.trim(),
      parentId: parent?.id ?? null,
      level: scheme.levels ? (levelOf(scheme.levels, code) ?? 1) : 1,
      enabled: input.enabled ?? true,
      defaults: {},
      createdAt: now,
      updatedAt: now,
    }
    await tx.nodes.insert(node)
    await assertRulesStillUnique(tx, tenant, scheme.code)
    // The parent stops being a leaf: in a leaf-only scheme its customers go down to the new child.
    const held = parent && input.moveParentCustomers && scheme.leafOnly ? (counts?.get(parent.id) ?? 0) : 0
    const movedIds = parent && held > 0 ? await tx.customers.idsOnNodes(tenant.id, EVERY_CUSTOMER, [parent.id]) : []
    if (parent && held > 0) await tx.customers.repointNode(tenant.id, parent.id, node.id)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'class.created', 'class', node.id, {
        scheme: scheme.code,
        after: node,
        ...(movedIds.length > 0 ? { customersMovedFromParent: movedIds.length } : {}),
      }),
    )
    for (const id of movedIds)
      await tx.audit.append(
        auditEvent(deps, actor, tenant.id, 'customer.reclassified', 'customer', id, {
          scheme: scheme.code,
          before: parent?.code ?? null,
          after: node.code,
          via: 'class.created',
        }),
      )
    return node
  })
}
