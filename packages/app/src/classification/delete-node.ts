import {
  assertAssignable,
  assertCan,
  conflict,
  displayName,
  EVERY_CUSTOMER,
  invalid,
  parseInput,
  planDelete,
  tallyFor,
  text,
  visibilityOf,
} from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { repointCustomers } from './internal/customer-moves.js'
import { requireNode } from './internal/node-lookup.js'
import { loadScheme } from './internal/scheme-context.js'

export const DeleteNodeInput = z.object({
  /** Move the class's customers to this class first, then delete. */
  moveCustomersTo: z.string().max(100).optional(),
})
export type DeleteNodeInput = z.infer<typeof DeleteNodeInput>

export interface DeleteResult {
  code: string
  customersMoved: number
  movedTo: string | null
}

/** Deletes a class without children or customers (refused with the counts), or after moving its customers. */
export async function deleteNode(
  { deps, actor, tenant: tenantCode }: RequestContext,
  schemeCode: string,
  code: string,
  raw: DeleteNodeInput = {},
): Promise<DeleteResult> {
  assertCan(actor, 'class:edit')
  const input = parseInput(DeleteNodeInput, raw, 'CLASS_DELETE_INVALID')
  return deps.store.transaction(async (tx) => {
    const { tenant, scheme, nodes } = await loadScheme(tx, tenantCode, schemeCode)
    const node = await requireNode(tx, scheme, code)
    const children = nodes.filter((n) => n.parentId === node.id).length
    const customers = (await tx.nodes.customerCounts(tenant.id, EVERY_CUSTOMER, scheme.id)).get(node.id) ?? 0
    const moveTo = input.moveCustomersTo?.trim() ? await requireNode(tx, scheme, input.moveCustomersTo) : undefined
    if (moveTo?.id === node.id)
      throw invalid(
        'CLASS_MOVE_TO_SELF',
        text('客户不能移到正要删除的分类本身', 'Customers cannot be moved to the class being deleted'),
      )
    planDelete(node, children, moveTo ? 0 : tallyFor(visibilityOf(actor), customers))
    const rules = (await tx.classRules.list(tenant.id, scheme.id)).filter((r) => r.nodeId === node.id)
    if (rules.length > 0)
      throw conflict(
        'CLASS_HAS_RULES',
        text(
          `${displayName(node)} 是 ${rules.length} 条自动分类规则的目标（${rules.map((r) => r.name).join('、')}），请先修改或删除这些规则`,
          `${displayName(node)} is the target of ${rules.length} automatic rules (${rules.map((r) => r.name).join(', ')}); change or delete them first`,
        ),
        { rules: rules.map((r) => r.name) },
      )
    // Deleting a node a member is restricted to would widen (or empty) what they see: change the scope first.
    const scoped = (await tx.scopes.list(tenant.id)).filter((s) => s.kind === 'node' && s.nodeId === node.id)
    if (scoped.length > 0)
      throw conflict(
        'CLASS_IN_DATA_SCOPE',
        text(
          `${displayName(node)} 是 ${scoped.length} 个数据权限的范围，请先在成员的数据权限中去掉它`,
          `${displayName(node)} limits ${scoped.length} data scopes; take it out of the members' data scopes first`,
        ),
        { scopes: scoped.length },
      )
    let customersMoved = 0
    if (moveTo && customers > 0) {
      assertAssignable(scheme, nodes, moveTo.id)
      customersMoved = await repointCustomers(tx, deps, actor, tenant.id, scheme.code, node, moveTo, 'class.deleted')
    }
    await tx.nodes.delete(tenant.id, node.id)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'class.deleted', 'class', node.id, {
        scheme: scheme.code,
        before: node,
        customersMoved,
        movedTo: moveTo ? displayName(moveTo) : null,
      }),
    )
    return { code: node.code, customersMoved, movedTo: moveTo?.code ?? null }
  })
}
