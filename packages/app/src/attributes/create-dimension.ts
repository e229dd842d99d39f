import { assertCan, CreateDimensionInput, type DimensionType, parseInput } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { assertAppliesTo, assertDimensionCodeFree } from './internal/attribute-context.js'

/** Adds a dimension: a free code and a sound "applies to" filter; placed last unless a position is given. */
export async function createDimension(
  { deps, actor, tenant: tenantCode }: RequestContext,
  raw: CreateDimensionInput,
): Promise<DimensionType> {
  assertCan(actor, 'dimension:edit')
  const input = parseInput(CreateDimensionInput, raw, 'DIMENSION_INVALID')
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    await assertDimensionCodeFree(tx, tenant.id, input.code)
    await assertAppliesTo(tx, tenant.id, input.appliesTo)
    const all = await tx.dimensions.list(tenant.id)
    const d: DimensionType = {
      id: deps.ids.next(),
      code: input.code,
      name: input.name,
      description: input.description,
      enabled: input.enabled,
      appliesTo: input.appliesTo,
      position: input.position ?? Math.max(0, ...all.map((x) => x.position)) + 1,
    }
    await tx.dimensions.insert(tenant.id, d, deps.clock.now().toISOString())
    await tx.audit.append(auditEvent(deps, actor, tenant.id, 'dimension.created', 'dimension', d.id, { after: d }))
    return d
  })
}
