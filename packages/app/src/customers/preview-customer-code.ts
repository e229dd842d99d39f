import { assertCan, type CodeRule, type Issue, isAppError, requiredFields, scopeKey } from '@kehu/core'
import { recordValues } from '../classification/internal/placement.js'
import { nextCodeSuggestion, patternOf } from '../codes/internal/allocate-code.js'
import { mapTables } from '../codes/internal/map-tables.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { draftCustomer } from './create-customer.js'
import type { PreviewSample } from './preview-codes.js'

export interface CustomerCodePreview {
  rule: Pick<CodeRule, 'name' | 'pattern' | 'mode'>
  /**
   * The code a create would issue now (nothing is reserved: a parallel create may take it first); null when the
   * rule lacks values (see `missing`) or has no free code left. `rule.mode` says whether a typed code is taken.
   */
  code: string | null
  /** Why there is no code yet: what the rule prints that the draft lacks. */
  missing: Issue[]
  /** What a create would refuse in the draft, a missing name aside (e.g. a class that does not exist). */
  issues: Issue[]
  /** The fields the rule prints or counts by (`type`, `region`, `attributes.LEVEL` …): required for the code. */
  needs: string[]
}

/**
 * The rule and the next code a new customer with these values would get, for the new-customer form: chosen
 * exactly as a create chooses (conditions, class defaults, automatic classification); writes nothing.
 */
export async function previewCustomerCode(
  { deps, actor, tenant: tenantCode }: RequestContext,
  draft: PreviewSample,
): Promise<CustomerCodePreview> {
  assertCan(actor, 'customer:create')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const d = await draftCustomer(deps, tx, tenant, { name: '', ...draft })
    const rule = { name: d.rule.name, pattern: d.rule.pattern, mode: d.rule.mode }
    const issues = d.issues.filter((i) => !(i.path.length === 1 && i.path[0] === 'name'))
    const values = recordValues(d.placement, d.registrationDate, d.attrs.values, d.attrs.defs)
    const maps = await mapTables(tx, tenant.id)
    const p = patternOf(d.rule)
    const needs = requiredFields(p).map((r) => (r.source === 'attr' ? `attributes.${r.attr}` : r.source))
    try {
      scopeKey(p, values, maps)
    } catch (e) {
      if (isAppError(e) && e.issues.length > 0) return { rule, code: null, missing: e.issues, issues, needs }
      throw e
    }
    const code = await nextCodeSuggestion(
      tx,
      { tenantId: tenant.id, customerId: '', rule: d.rule, values, maps, now: d.now.toISOString() },
      p,
    )
    return { rule, code: code ?? null, missing: [], issues, needs }
  })
}
