import { assertCan, coerceAttributeValue, invalid, parseInput, type Tx, text, visibilityOf } from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { loadAttribute } from './internal/attribute-context.js'
import { emptyApplicableCustomers, reclaimUniques, writeInBatches } from './internal/attribute-writes.js'
import { referenceResolver } from './internal/customer-attributes.js'

export const FillAttributeInput = z.strictObject({
  /** The value to write, in the form a customer form sends. */
  value: z.unknown(),
  /** Only count the customers it would fill. */
  dryRun: z.boolean().optional(),
})
export type FillAttributeInput = z.infer<typeof FillAttributeInput>

/**
 * The explicit back-fill of an attribute: writes one value the clerk chose into every customer it
 * applies to that holds none (a dry run only counts them), audited with the count. Never runs on its own.
 */
export async function fillAttribute(
  { deps, actor, tenant: tenantCode }: RequestContext,
  attributeCode: string,
  raw: FillAttributeInput,
): Promise<{ filled: number; dryRun: boolean }> {
  assertCan(actor, 'customer:edit')
  const input = parseInput(FillAttributeInput, raw, 'ATTR_FILL_INVALID')
  const work = async (tx: Tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const def = await loadAttribute(tx, tenant.id, attributeCode)
    const resolveReference = await referenceResolver(tx, tenant.id, [def])
    const r = coerceAttributeValue(def, input.value, ['value'], { resolveReference })
    if (r.issues.length || r.value === null)
      throw invalid(
        'ATTR_FILL_INVALID',
        text(`用于补填「${def.name}」的值有误`, `The value to fill into "${def.name}" is not valid`),
        r.issues.length
          ? r.issues.map((i) => ({ ...i, path: ['value'] }))
          : [
              {
                path: ['value'],
                code: 'ATTR_FILL_EMPTY',
                message: text(`请填写「${def.name}」的值`, `Enter a value for "${def.name}"`),
              },
            ],
      )
    const targets = await emptyApplicableCustomers(
      tx,
      tenant.id,
      visibilityOf(actor),
      def,
      await tx.attributes.list(tenant.id),
    )
    if (input.dryRun) return { filled: targets.length, dryRun: true }
    const now = deps.clock.now().toISOString()
    await writeInBatches(
      tx,
      tenant.id,
      def.code,
      targets.map((c) => ({ customerId: c.id, value: r.value })),
      now,
    )
    if (def.unique) await reclaimUniques(tx, tenant.id, def, visibilityOf(actor))
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'attribute.filled', 'attribute', def.id, {
        value: r.value,
        filled: targets.length,
      }),
    )
    return { filled: targets.length, dryRun: false }
  }
  return input.dryRun ? deps.store.read(work) : deps.store.transaction(work)
}
