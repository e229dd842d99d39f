import { type Actor, type AttributeDef, assertCan, CreateAttributeInput, planAttributeChange } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { Deps } from '../deps.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { assertAttributeCodeFree, assertReferenceScheme, loadDimension, parseInput } from './attribute-context.js'
import { backfillAttribute, reclaimUniques } from './attribute-writes.js'
import { referenceResolver } from './customer-attributes.js'

export interface CreateAttributeResult {
  attribute: AttributeDef
  /** Customers given the default of a new required attribute. */
  backfilled: number
}

/**
 * Adds an attribute to a dimension: a sound definition with a free code; a required one needs a
 * default, written into every existing customer it applies to (in batches, audited). An indexed one
 * gets its expression index in the same transaction.
 */
export async function createAttribute(
  deps: Deps,
  actor: Actor,
  tenantCode: string,
  dimensionCode: string,
  raw: CreateAttributeInput,
): Promise<CreateAttributeResult> {
  assertCan(actor, 'dimension:edit')
  const input = parseInput(CreateAttributeInput, raw, 'ATTR_DEF_INVALID')
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const dim = await loadDimension(tx, tenant.id, dimensionCode)
    await assertAttributeCodeFree(tx, tenant.id, input.code)
    const defs = await tx.attributes.list(tenant.id)
    const { position, defaultValue, referenceScheme, ...rest } = input
    const def: AttributeDef = {
      ...rest,
      id: deps.ids.next(),
      dimensionId: dim.id,
      defaultValue: defaultValue ?? null,
      ...(referenceScheme ? { referenceScheme } : {}),
      position: position ?? Math.max(0, ...defs.filter((a) => a.dimensionId === dim.id).map((a) => a.position)) + 1,
    }
    await assertReferenceScheme(tx, tenant.id, def)
    const resolveReference = await referenceResolver(tx, tenant.id, [def])
    const plan = planAttributeChange(null, def, [], { resolveReference })
    // A reference default is stored as the node id it resolves to.
    if (def.type === 'reference' && plan.backfill !== null) def.defaultValue = plan.backfill
    const now = deps.clock.now().toISOString()
    await tx.attributes.insert(tenant.id, def, now)
    if (def.indexed) await tx.attributes.ensureIndex(def.code)
    const backfilled =
      plan.backfill === null ? 0 : await backfillAttribute(tx, tenant.id, def, [...defs, def], plan.backfill, now)
    if (def.unique && backfilled > 0) await reclaimUniques(tx, tenant.id, def)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'attribute.created', 'attribute', def.id, {
        dimension: dim.code,
        after: def,
        backfilled,
      }),
    )
    return { attribute: def, backfilled }
  })
}
