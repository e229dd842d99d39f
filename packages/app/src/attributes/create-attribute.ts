import {
  type AttributeDef,
  assertCan,
  CreateAttributeInput,
  parseInput,
  planAttributeChange,
  visibilityOf,
} from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { assertAttributeCodeFree, assertReferenceScheme, loadDimension } from './internal/attribute-context.js'
import { emptyApplicableCustomers } from './internal/attribute-writes.js'
import { referenceResolver } from './internal/customer-attributes.js'

export interface CreateAttributeResult {
  attribute: AttributeDef
  /** Customers a required attribute applies to that hold no value: left empty, listed as incomplete. */
  incomplete: number
}

/**
 * Adds an attribute to a dimension: a sound definition with a free code. A required one is required from now on:
 * existing customers stay empty and are counted as incomplete (docs/decisions/0014-design-brief.md, C). An indexed one
 * gets its expression index in the same transaction.
 */
export async function createAttribute(
  { deps, actor, tenant: tenantCode }: RequestContext,
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
    if (def.type === 'reference' && plan.storedDefault !== null) def.defaultValue = plan.storedDefault
    const now = deps.clock.now().toISOString()
    await tx.attributes.insert(tenant.id, def, now)
    if (def.indexed) await tx.attributes.ensureIndex(def.code)
    const incomplete = def.required
      ? (await emptyApplicableCustomers(tx, tenant.id, visibilityOf(actor), def, [...defs, def])).length
      : 0
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'attribute.created', 'attribute', def.id, {
        dimension: dim.code,
        after: def,
      }),
    )
    return { attribute: def, incomplete }
  })
}
