import {
  assertCan,
  type CodeRule,
  type Issue,
  isAppError,
  issue,
  normalizeCode,
  requiredFields,
  scopeKey,
  visibilityOf,
} from '@kehu/core'
import { recordValues } from '../classification/internal/placement.js'
import { codeTaken, nextCodeSuggestion, patternOf, typedCodeCheck } from '../codes/internal/allocate-code.js'
import { mapTables } from '../codes/internal/map-tables.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { draftCustomer } from './create-customer.js'
import type { PreviewSample } from './preview-codes.js'

export interface CustomerCodePreview {
  rule: Pick<CodeRule, 'name' | 'pattern' | 'mode'>
  /**
   * The code a create would issue now (nothing is reserved: a parallel create may take it first): the typed
   * code when it would be accepted, else the rule's next free code; null when the rule lacks values (see
   * `missing`), has no free code left, or a create would refuse the typed code (see `issues`).
   */
  code: string | null
  /** A typed code: free, taken (live or old code), or refused by the rule (the reason is in `issues`). */
  typed?: 'free' | 'taken' | 'refused'
  /** When the typed code is taken or refused: the rule's next free code for this customer. */
  suggestion?: string
  /** Why there is no code yet: what the rule prints that the draft lacks. */
  missing: Issue[]
  /** What a create would refuse in the draft, a missing name aside (e.g. a class that does not exist, a taken code). */
  issues: Issue[]
  /** What a create would accept with a warning (a typed legacy code that does not fit the rule). */
  warnings: Issue[]
  /** The fields the rule prints or counts by (`type`, `region`, `attributes.LEVEL` …): required for the code. */
  needs: string[]
}

/**
 * The rule and the code a new customer with these values would get, for the new-customer form: chosen
 * exactly as a create chooses (conditions, class defaults, automatic classification), a typed code judged
 * as a create judges it (rule, format, registry); writes nothing.
 */
export async function previewCustomerCode(
  { deps, actor, tenant: tenantCode }: RequestContext,
  draft: PreviewSample,
): Promise<CustomerCodePreview> {
  assertCan(actor, 'customer:create')
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const d = await draftCustomer(deps, tx, tenant, visibilityOf(actor), { name: '', ...draft })
    const rule = { name: d.rule.name, pattern: d.rule.pattern, mode: d.rule.mode }
    const issues = d.issues.filter((i) => !(i.path.length === 1 && i.path[0] === 'name'))
    const values = recordValues(d.placement, d.registrationDate, d.attrs.values, d.attrs.defs)
    const maps = await mapTables(tx, tenant.id)
    const p = patternOf(d.rule)
    const needs = requiredFields(p).map((r) => (r.source === 'attr' ? `attributes.${r.attr}` : r.source))
    let missing: Issue[] = []
    try {
      scopeKey(p, values, maps)
    } catch (e) {
      if (!isAppError(e) || e.issues.length === 0) throw e
      missing = e.issues
    }
    const args = { tenantId: tenant.id, customerId: '', rule: d.rule, values, maps, now: d.now.toISOString() }
    const next = missing.length > 0 ? undefined : await nextCodeSuggestion(tx, args, p)
    const typed = draft.code?.trim() ? normalizeCode(draft.code) : undefined
    if (typed === undefined) return { rule, code: next ?? null, missing, issues, warnings: [], needs }

    const withSuggestion = (t: 'taken' | 'refused') => ({ typed: t, ...(next ? { suggestion: next } : {}) })
    // Without every value the rule prints, only the typed code's shape can be judged.
    const judged = typedCodeCheck(d.rule, p, typed, maps, missing.length > 0 ? undefined : values)
    if (judged.refusal)
      return {
        rule,
        code: null,
        ...withSuggestion('refused'),
        missing,
        issues: [...issues, judged.refusal],
        warnings: [],
        needs,
      }
    const warnings = judged.warning ? [judged.warning] : []
    if (!(await tx.codes.find(tenant.id, typed)))
      return { rule, code: typed, typed: 'free', missing, issues, warnings, needs }
    if (draft.nextCodeIfTaken)
      return { rule, code: next ?? null, ...withSuggestion('taken'), missing, issues, warnings: [], needs }
    const taken = issue(['code'], 'CODE_TAKEN', codeTaken(typed, next).text)
    return { rule, code: null, ...withSuggestion('taken'), missing, issues: [...issues, taken], warnings: [], needs }
  })
}
