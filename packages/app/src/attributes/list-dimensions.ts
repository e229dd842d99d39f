import { type AttributeDef, assertCan, type DimensionType, visibilityOf } from '@kehu/core'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'

export interface DimensionWithAttributes extends DimensionType {
  attributes: (AttributeDef & { held: number })[]
}

/** Every dimension of the tenant with its attributes and how many customers hold a value of each. */
export async function listDimensions({
  deps,
  actor,
  tenant: tenantCode,
}: RequestContext): Promise<DimensionWithAttributes[]> {
  assertCan(actor, 'dimension:read')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const [dims, defs] = await Promise.all([tx.dimensions.list(tenant.id), tx.attributes.list(tenant.id)])
    const out: DimensionWithAttributes[] = []
    for (const d of dims) {
      const attributes: DimensionWithAttributes['attributes'] = []
      for (const a of defs.filter((x) => x.dimensionId === d.id))
        attributes.push({ ...a, held: await tx.attributes.countHeld(tenant.id, visibilityOf(actor), a.code) })
      out.push({ ...d, attributes })
    }
    return out
  })
}
