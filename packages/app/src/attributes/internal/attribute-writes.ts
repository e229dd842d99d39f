import {
  type AttributeDef,
  applicableAttributeCodes,
  attributeIndexKey,
  conflict,
  EVERY_CUSTOMER,
  type HeldAttributeValue,
  isEmptyValue,
  type Tx,
  text,
  type Visibility,
} from '@kehu/core'
import { filterSubjectOf, forEachCustomer, loadClassIndex } from '../../classification/internal/class-index.js'

/** Rows written per statement batch in back-fills and rewrites. */
export const ATTRIBUTE_BATCH = 500

/** Every customer's stored value of one attribute, read a batch at a time. */
export async function allHeldValues(
  tx: Tx,
  tenantId: string,
  code: string,
  visible: Visibility = EVERY_CUSTOMER,
): Promise<HeldAttributeValue[]> {
  const out: HeldAttributeValue[] = []
  let after: string | null = null
  for (;;) {
    const page = await tx.attributes.heldValues(tenantId, visible, code, after, ATTRIBUTE_BATCH)
    out.push(...page)
    if (page.length < ATTRIBUTE_BATCH) return out
    after = (page.at(-1) as HeldAttributeValue).customerId
  }
}

/** Writes values a batch at a time. */
export async function writeInBatches(
  tx: Tx,
  tenantId: string,
  code: string,
  values: { customerId: string; value: unknown }[],
  now: string,
): Promise<void> {
  for (let i = 0; i < values.length; i += ATTRIBUTE_BATCH)
    await tx.attributes.writeValues(tenantId, code, values.slice(i, i + ATTRIBUTE_BATCH), now)
}

/** A customer the attribute applies to that holds no value of it. */
export interface IncompleteCustomer {
  id: string
  code: string
  name: string
}

/** Every `visible` customer the attribute applies to that holds no value of it, in code order; `defs` holds `def` as it is now. */
export async function emptyApplicableCustomers(
  tx: Tx,
  tenantId: string,
  visible: Visibility,
  def: AttributeDef,
  defs: AttributeDef[],
): Promise<IncompleteCustomer[]> {
  const dimensions = await tx.dimensions.list(tenantId)
  const index = await loadClassIndex(tx, tenantId)
  const out: IncompleteCustomer[] = []
  await forEachCustomer(tx, tenantId, visible, (c) => {
    if (!isEmptyValue(c.attributes[def.code])) return
    if (!applicableAttributeCodes(dimensions, defs, filterSubjectOf(c, index)).has(def.code)) return
    out.push({ id: c.id, code: c.code, name: c.name })
  })
  return out
}

/**
 * Rebuilds the unique claims of one attribute from the values customers hold: the database refuses a
 * second holder, reported as `ATTR_NOT_UNIQUE` with the value and the holders `visible` to the caller.
 */
export async function reclaimUniques(
  tx: Tx,
  tenantId: string,
  def: AttributeDef,
  visible: Visibility = EVERY_CUSTOMER,
): Promise<void> {
  await tx.attributes.clearUniques(tenantId, def.id)
  if (!def.unique) return
  for (const h of await allHeldValues(tx, tenantId, def.code)) {
    const held = attributeIndexKey(def, h.value)
    const holder = await tx.attributes.claimUnique(tenantId, def.id, held, h.customerId)
    if (holder === undefined) continue
    const seen: { id: string; code: string }[] = []
    for (const id of [holder, h.customerId]) {
      const c = await tx.customers.byId(tenantId, visible, id)
      if (c) seen.push(c)
    }
    const among = seen.map((c) => c.code).join(', ')
    throw conflict(
      'ATTR_NOT_UNIQUE',
      text(
        `维度属性「${def.name}」不能设为唯一：值 ${held} 有多个客户使用${among ? `（含 ${among}）` : ''}`,
        `The attribute "${def.name}" cannot be unique: the value ${held} is held by several customers${among ? ` (${among} among them)` : ''}`,
      ),
      { attribute: def.code, value: held, customerIds: seen.map((c) => c.id) },
    )
  }
}
