import {
  type AttributeChangePlan,
  type AttributeConflict,
  type AttributeDef,
  assertCan,
  conflict,
  customersWords,
  parseInput,
  planAttributeChange,
  type Tenant,
  type Tx,
  tallyFor,
  text,
  UpdateAttributeInput,
  type Visibility,
  visibilityOf,
} from '@kehu/core'
import { auditEvent, diff } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { assertAttributeCodeFree, assertReferenceScheme, loadAttribute } from './internal/attribute-context.js'
import { renameAttributeReferences } from './internal/attribute-references.js'
import { allHeldValues, emptyApplicableCustomers, reclaimUniques, writeInBatches } from './internal/attribute-writes.js'
import { referenceResolver } from './internal/customer-attributes.js'

/** Conflicts listed in an error's details; the count is always complete. */
const MAX_LISTED_CONFLICTS = 1000

export interface AttributeChangePreview {
  before: AttributeDef
  after: AttributeDef
  /** Every value the new definition refuses; the change runs only when there are none. */
  conflicts: AttributeConflict[]
  /** How many stored values the change rewrites (type or precision). */
  rewrites: number
  /** Customers holding a value now. */
  held: number
  /** Customers the attribute would apply to without a value, when it is required after the change. */
  incomplete: number
}

/** The definition an edit gives: fields the new type cannot carry are dropped unless the edit sets them. */
function mergeDef(before: AttributeDef, input: UpdateAttributeInput): AttributeDef {
  const { referenceScheme, ...rest } = input
  const after: AttributeDef = { ...before, ...rest }
  if (referenceScheme === null) delete after.referenceScheme
  else if (referenceScheme !== undefined) after.referenceScheme = referenceScheme
  if (input.type !== undefined && input.type !== before.type) {
    if (input.precision === undefined && after.type !== 'number') after.precision = 0
    const choice = after.type === 'single-choice' || after.type === 'multi-choice'
    if (input.options === undefined && !choice) after.options = []
    if (referenceScheme === undefined && after.type !== 'reference') delete after.referenceScheme
    if (input.constraints === undefined) {
      const c = { ...after.constraints }
      const lengths = after.type === 'text' || after.type === 'multi-choice'
      const range = after.type === 'number' || after.type === 'date'
      if (!lengths) {
        delete c.minLength
        delete c.maxLength
      }
      if (after.type !== 'text') delete c.pattern
      if (!range || after.type !== before.type) {
        delete c.min
        delete c.max
      }
      after.constraints = c
    }
    if (input.defaultValue === undefined) after.defaultValue = null
  }
  return after
}

/**
 * The change as it acts on every customer; `seen` (for a scoped caller) the customers holding a value whom the caller
 * sees, the only ones an answer may name or count (docs/decisions/0030-counts-for-scoped-callers.md).
 */
async function plan(
  tx: Tx,
  tenant: Tenant,
  code: string,
  raw: UpdateAttributeInput,
  visible: Visibility,
): Promise<{ before: AttributeDef; after: AttributeDef; plan: AttributeChangePlan; seen: (id: string) => boolean }> {
  const input = parseInput(UpdateAttributeInput, raw, 'ATTR_DEF_INVALID')
  const before = await loadAttribute(tx, tenant.id, code)
  const after = mergeDef(before, input)
  if (after.code !== before.code) await assertAttributeCodeFree(tx, tenant.id, after.code)
  await assertReferenceScheme(tx, tenant.id, after)
  const existing = await allHeldValues(tx, tenant.id, before.code)
  const resolveReference = await referenceResolver(tx, tenant.id, [after])
  const p = planAttributeChange(before, after, existing, { resolveReference })
  if (after.type === 'reference' && p.storedDefault !== null) after.defaultValue = p.storedDefault
  const shown =
    visible.kind === 'all'
      ? undefined
      : new Set((await allHeldValues(tx, tenant.id, before.code, visible)).map((h) => h.customerId))
  return { before, after, plan: p, seen: (id) => shown?.has(id) ?? true }
}

/** What an attribute edit would do, changing nothing: every conflict, the rewrites, the customers left incomplete. */
export async function previewAttributeChange(
  { deps, actor, tenant: tenantCode }: RequestContext,
  code: string,
  input: UpdateAttributeInput,
): Promise<AttributeChangePreview> {
  assertCan(actor, 'dimension:edit')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const visible = visibilityOf(actor)
    const r = await plan(tx, tenant, code, input, visible)
    return {
      before: r.before,
      after: r.after,
      conflicts: r.plan.conflicts.filter((c) => r.seen(c.customerId)),
      rewrites: r.plan.rewrites.filter((w) => r.seen(w.customerId)).length,
      held: await tx.attributes.countHeld(tenant.id, visible, r.before.code),
      incomplete: await countIncomplete(tx, tenant.id, r.after, visible),
    }
  })
}

export interface UpdateAttributeResult {
  attribute: AttributeDef
  rewritten: number
  /** Customers the attribute applies to without a value (required ones only; never filled in). */
  incomplete: number
}

async function countIncomplete(tx: Tx, tenantId: string, after: AttributeDef, visible: Visibility): Promise<number> {
  if (!after.required || !after.enabled) return 0
  const defs = (await tx.attributes.list(tenantId)).map((d) => (d.id === after.id ? after : d))
  return (await emptyApplicableCustomers(tx, tenantId, visible, after, defs)).length
}

/**
 * Changes an attribute definition. Refused with every conflicting value listed unless there are none;
 * then rewrites values the change converts, in batches, audited. A newly required attribute writes
 * nothing: customers without a value are counted as incomplete (docs/decisions/0014-design-brief.md, C).
 * The code is immutable once a customer holds a value; unique claims and the index follow the definition.
 */
export async function updateAttribute(
  { deps, actor, tenant: tenantCode }: RequestContext,
  code: string,
  input: UpdateAttributeInput,
): Promise<UpdateAttributeResult> {
  assertCan(actor, 'dimension:edit')
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const visible = visibilityOf(actor)
    const { before, after, plan: p, seen } = await plan(tx, tenant, code, input, visible)
    if (p.conflicts.length > 0) {
      const tally = tallyFor(visible, p.conflicts.length)
      const words = customersWords(tally)
      throw conflict(
        'ATTR_CHANGE_CONFLICTS',
        text(
          `有${words.zh}的「${before.name}」取值不符合新定义，未做任何修改`,
          `${words.en} hold values of "${before.name}" the new definition refuses; nothing was changed`,
        ),
        {
          ...(tally === 'some' ? {} : { count: tally }),
          conflicts: p.conflicts.filter((c) => seen(c.customerId)).slice(0, MAX_LISTED_CONFLICTS),
        },
      )
    }
    const now = deps.clock.now().toISOString()
    const filtersRenamed =
      after.code !== before.code ? await renameAttributeReferences(tx, tenant.id, before.code, after.code, now) : []
    await tx.attributes.update(tenant.id, after, now)
    await writeInBatches(
      tx,
      tenant.id,
      after.code,
      p.rewrites.map((r) => ({ customerId: r.customerId, value: r.to })),
      now,
    )
    if (before.indexed && (!after.indexed || before.code !== after.code)) await tx.attributes.dropIndex(before.code)
    if (after.indexed) await tx.attributes.ensureIndex(after.code)
    if (after.unique || before.unique) await reclaimUniques(tx, tenant.id, after, visible)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'attribute.updated', 'attribute', after.id, {
        changes: diff(before, after),
        rewritten: p.rewrites.length,
        ...(filtersRenamed.length ? { filtersRenamed } : {}),
      }),
    )
    return {
      attribute: after,
      rewritten: p.rewrites.filter((w) => seen(w.customerId)).length,
      incomplete: await countIncomplete(tx, tenant.id, after, visible),
    }
  })
}
