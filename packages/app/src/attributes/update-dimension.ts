import { assertCan, type DimensionType, parseInput, UpdateDimensionInput } from '@kehu/core'
import { auditEvent, diff } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { assertAppliesTo, assertDimensionCodeFree, loadDimension } from './internal/attribute-context.js'

/** Edits a dimension's code, name, description, enabled flag, position or "applies to" filter. */
export async function updateDimension(
  { deps, actor, tenant: tenantCode }: RequestContext,
  code: string,
  raw: UpdateDimensionInput,
): Promise<DimensionType> {
  assertCan(actor, 'dimension:edit')
  const input = parseInput(UpdateDimensionInput, raw, 'DIMENSION_INVALID')
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const before = await loadDimension(tx, tenant.id, code)
    if (input.code !== undefined && input.code !== before.code) await assertDimensionCodeFree(tx, tenant.id, input.code)
    if (input.appliesTo !== undefined) await assertAppliesTo(tx, tenant.id, input.appliesTo)
    const after: DimensionType = { ...before, ...input }
    await tx.dimensions.update(tenant.id, after, deps.clock.now().toISOString())
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'dimension.updated', 'dimension', after.id, { changes: diff(before, after) }),
    )
    return after
  })
}
