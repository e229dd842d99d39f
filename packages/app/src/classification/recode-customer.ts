import {
  type Actor,
  AppError,
  assertCan,
  type CodeRule,
  type Customer,
  conflict,
  invalid,
  issue,
  type MapTable,
  normalizeCode,
  notFound,
  parseCode,
  type RecordValues,
  renderCode,
  requiredFields,
  said,
  type Tenant,
  type Text,
  type Tx,
  text,
  visibilityOf,
} from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import { isUuid } from '../codes/get-code-rule.js'
import { allocateCode, patternOf } from '../codes/internal/allocate-code.js'
import { chooseRule } from '../codes/internal/choose-rule.js'
import { mapTables } from '../codes/internal/map-tables.js'
import type { RequestContext } from '../context.js'
import type { Deps } from '../deps.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { placementDefaults } from './internal/class-defaults.js'
import { classesSubject, placeNodes, recordValues } from './internal/placement.js'

export const RecodeCustomerInput = z
  .object({
    /** A code to give (checked for shape and uniqueness, under any rule mode: re-coding is an explicit act). */
    newCode: z.string().max(100).optional(),
    /** Allocate the next code of the rule that applies now. */
    reallocate: z.boolean().optional(),
    /** The version the caller saw; a stale one is refused. */
    expectedVersion: z.number().int().optional(),
  })
  .refine(
    (i) => (i.newCode !== undefined && i.newCode.trim() !== '') !== (i.reallocate === true),
    said(
      '请给出新编码，或选择按规则重新生成（二选一）',
      'Give a new code, or ask to reallocate by the rule (one of them)',
    ),
  )
export type RecodeCustomerInput = z.infer<typeof RecodeCustomerInput>

export interface RecodeResult {
  customer: Customer
  oldCode: string
  newCode: string
  rule: string
  /** A typed code off the rule, kept as a legacy code (a typed re-code allows it): why, to show the administrator. */
  codeWarning?: Text
}

/**
 * Explicit re-code (docs/decisions/0014-design-brief.md, A.7) inside the caller's transaction: the old code becomes an alias that still
 * finds the customer, a new live code is allocated by the rule that applies now (or the typed one, checked),
 * the customer's code changes with a version bump, and `customer.recoded` is audited.
 */
export async function recodeCustomerInTx(
  ctx: RequestContext,
  tx: Tx,
  customerIdOrCode: string,
  input: RecodeCustomerInput,
): Promise<RecodeResult> {
  const { deps, actor } = ctx
  assertCan(actor, 'customer:edit')
  const parsed = RecodeCustomerInput.safeParse(input)
  if (!parsed.success)
    throw invalid(
      'CODE_RECODE_INPUT',
      text(
        '请给出新编码，或选择按规则重新生成（二选一）',
        'Give a new code, or ask to reallocate by the rule (one of them)',
      ),
      [
        issue(
          ['newCode'],
          'CODE_RECODE_INPUT',
          text('新编码与按规则重新生成只能选一个', 'Either a new code or reallocation by the rule, not both'),
        ),
      ],
    )
  const req = parsed.data
  const tenant = await resolveTenant(tx, ctx.tenant)
  const byCode = await tx.codes.find(tenant.id, normalizeCode(customerIdOrCode))
  const customer =
    (isUuid(customerIdOrCode)
      ? await tx.customers.byId(tenant.id, visibilityOf(actor), customerIdOrCode)
      : undefined) ?? (byCode ? await tx.customers.byId(tenant.id, visibilityOf(actor), byCode.customerId) : undefined)
  if (!customer)
    throw notFound(
      'CUSTOMER_NOT_FOUND',
      text(`客户 ${customerIdOrCode} 不存在`, `Customer ${customerIdOrCode} does not exist`),
    )
  if (req.expectedVersion !== undefined && req.expectedVersion !== customer.version)
    throw new AppError(
      'precondition-failed',
      'CUSTOMER_STALE',
      text('客户已被他人修改，请刷新后重试', 'The customer was changed meanwhile; reload and try again'),
      { details: { version: customer.version } },
    )
  return (await recodeInTx(deps, actor, tx, tenant, customer, req)) as RecodeResult
}

/** Re-codes a customer in a transaction of its own (see `recodeCustomerInTx`). */
export function recodeCustomer(
  ctx: RequestContext,
  customerIdOrCode: string,
  input: RecodeCustomerInput,
): Promise<RecodeResult> {
  return ctx.deps.store.transaction((tx) => recodeCustomerInTx(ctx, tx, customerIdOrCode, input))
}

/**
 * Whether a class change should re-code: the rule prints the scheme, and the present code no longer renders
 * from the customer's values (a `{class:1}` rule keeps its code for a move under the same level-1 class).
 */
function codeChangesWith(
  rule: CodeRule,
  code: string,
  values: RecordValues,
  maps: MapTable[],
  schemeCode: string,
): boolean {
  const p = patternOf(rule)
  if (!requiredFields(p).some((f) => f.source === schemeCode)) return false
  const parsed = parseCode(p, code, maps)
  if (!parsed) return true
  try {
    return renderCode(p, values, maps, parsed.serial) !== code
  } catch {
    return true
  }
}

/**
 * The re-code inside the caller's transaction. With `onlyIfRuleReads` (a scheme code such as `class`), a
 * customer whose rule does not print that scheme keeps its code and `null` is returned.
 */
export async function recodeInTx(
  deps: Deps,
  actor: Actor,
  tx: Tx,
  tenant: Tenant,
  customer: Customer,
  req: RecodeCustomerInput,
  options: { onlyIfRuleReads?: string } = {},
): Promise<RecodeResult | null> {
  const oldCode = customer.code
  if (req.newCode !== undefined && normalizeCode(req.newCode) === normalizeCode(oldCode))
    throw invalid(
      'CODE_RECODE_SAME',
      text(`新编码与现编码 ${oldCode} 相同`, `The new code equals the current code ${oldCode}`),
      [issue(['newCode'], 'CODE_RECODE_SAME', text('新编码与现编码相同', 'The new code equals the current one'))],
    )

  // The customer's classes, as the rule sees them now.
  const schemes = await tx.schemes.list(tenant.id)
  const codes: Record<string, string> = {}
  for (const [schemeId, nodeId] of Object.entries(customer.classes)) {
    const scheme = schemes.find((s) => s.id === schemeId)
    const node = scheme && (await tx.nodes.byId(tenant.id, nodeId))
    if (scheme && node) codes[scheme.code] = node.code
  }
  const issues: ReturnType<typeof issue>[] = []
  const placement = await placeNodes(tx, tenant.id, schemes, codes, issues, { assignable: false })
  const subject = {
    fields: { ...customer } as Record<string, unknown>,
    classes: classesSubject(placement),
    attributes: customer.attributes,
  }
  const defaults = await placementDefaults(tx, tenant.id, placement)
  const defs = await tx.attributes.list(tenant.id)
  const rule = chooseRule(await tx.codeRules.list(tenant.id), subject, defaults.codeRuleId ?? undefined, defs)
  const now = deps.clock.now().toISOString()
  const values = recordValues(placement, customer.registrationDate, customer.attributes, defs)
  const maps = await mapTables(tx, tenant.id)
  if (options.onlyIfRuleReads !== undefined && !codeChangesWith(rule, oldCode, values, maps, options.onlyIfRuleReads))
    return null

  await tx.codes.makeAlias(tenant.id, oldCode)
  const allocation = await allocateCode(tx, {
    tenantId: tenant.id,
    customerId: customer.id,
    // A typed re-code is an administrator's explicit act: allowed under any mode and off the pattern (with a
    // warning), refused on a clash, a wrong check character or outside the code format.
    rule: req.newCode !== undefined ? { ...rule, mode: 'auto-editable', onClash: 'refuse', legacyCodes: true } : rule,
    values,
    maps,
    requested: req.newCode ?? null,
    now,
  })
  const after: Customer = {
    ...customer,
    code: allocation.code,
    codeRuleId: rule.id,
    version: customer.version + 1,
    updatedAt: now,
    updatedBy: actor.label,
  }
  if (!(await tx.customers.update(after, customer.version)))
    throw conflict(
      'CUSTOMER_CHANGED_MEANWHILE',
      text('客户已被他人修改，请刷新后重试', 'The customer was changed meanwhile; reload and try again'),
    )
  await tx.audit.append(
    auditEvent(deps, actor, tenant.id, 'customer.recoded', 'customer', customer.id, {
      from: oldCode,
      to: allocation.code,
      rule: rule.name,
      ...(allocation.serial !== null ? { serial: allocation.serial, scopeKey: allocation.scopeKey } : {}),
      ...(allocation.warning ? { codeWarning: allocation.warning.en } : {}),
    }),
  )
  return {
    customer: after,
    oldCode,
    newCode: allocation.code,
    rule: rule.name,
    ...(allocation.warning ? { codeWarning: allocation.warning } : {}),
  }
}
