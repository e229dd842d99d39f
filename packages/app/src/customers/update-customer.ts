import {
  applicableAttributeCodes,
  assertCan,
  assertNoIssues,
  type Customer,
  conflict,
  customerMnemonic,
  EVERY_CUSTOMER,
  type FilterSubject,
  type Issue,
  issue,
  normalizeCode,
  parseInput,
  type Tx,
  text,
  visibilityOf,
} from '@kehu/core'
import type { z } from 'zod'
import { assertStaysVisible } from '../access/internal/stays-visible.js'
import {
  checkCustomerAttributes,
  loadAttributeCatalog,
  writeAttributeUniques,
} from '../attributes/internal/customer-attributes.js'
import { auditEvent } from '../audit/audit-event.js'
import { applyClassRules } from '../classification/internal/auto-classify.js'
import { loadClassIndex } from '../classification/internal/class-index.js'
import { classesSubject, placeAdded, placeNodes } from '../classification/internal/placement.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { assertUsccFree, customerIdOf, userIdOf } from './create-customer.js'
import { CustomerInput, nodeCodesOf } from './customer-input.js'
import {
  auditViewOf,
  type CustomerDetail,
  changesShownTo,
  detailOf,
  diffViews,
  unmaskedViews,
} from './customer-view.js'
import { buildPlainFields, type PlainFields } from './internal/build-customer.js'
import { loadCustomer, staleVersion } from './internal/load-customer.js'
import { withoutSensitiveEchoes } from './internal/sensitive-input.js'

/**
 * A patch: only the fields given change; `null` or '' clears a field; attributes merge by code (null clears).
 * Unknown fields are refused rather than ignored, so a misspelt field never looks like a saved change.
 */
export const CustomerPatch = CustomerInput.partial().strict()
export type CustomerPatch = z.infer<typeof CustomerPatch>

export interface UpdateCustomerResult extends CustomerDetail {
  /**
   * Before → after per changed field, sensitive values masked for a caller without `customer:sensitive`;
   * empty when the patch changed nothing (no new version then).
   */
  changes: Record<string, { before: unknown; after: unknown; masked?: true }>
}

const PLAIN_KEYS: (keyof PlainFields)[] = [
  'name',
  'shortName',
  'mnemonic',
  'uscc',
  'legalRepresentative',
  'address',
  'postcode',
  'phone',
  'email',
  'website',
  'bankName',
  'bankAccount',
  'taxNumber',
  'department',
  'creditGrade',
  'creditLimitCents',
  'lifecycleStage',
  'remarks',
]

const inputKeyOf = (k: keyof PlainFields): keyof CustomerInput => (k === 'creditLimitCents' ? 'creditLimit' : k)

/** Refuses a head office that is the customer itself or one of its branches (a cycle). */
async function assertNoHeadOfficeCycle(tx: Tx, tenantId: string, selfId: string, headId: string, issues: Issue[]) {
  const seen = new Set<string>()
  for (let cur: string | null = headId; cur && !seen.has(cur); ) {
    if (cur === selfId) {
      issues.push(
        issue(
          ['headOffice'],
          'CUSTOMER_HEAD_OFFICE_CYCLE',
          text(
            '总公司不能是客户自己或它的下属公司',
            'The head office cannot be the customer itself or one of its branches',
          ),
        ),
      )
      return
    }
    seen.add(cur)
    cur = (await tx.customers.byId(tenantId, EVERY_CUSTOMER, cur))?.headOfficeId ?? null
  }
}

/**
 * Edits a customer: only the fields in the patch change, every problem is reported at once, the code never
 * changes here (a re-code is its own act), the version goes up by one, and `customer.updated` records
 * before → after of the changed fields. `expectedVersion` must be the stored version, else
 * `CUSTOMER_VERSION_STALE` (412) with both versions.
 */
export async function updateCustomerInTx(
  ctx: RequestContext,
  tx: Tx,
  idOrCode: string,
  expectedVersion: number,
  raw: CustomerPatch,
): Promise<UpdateCustomerResult> {
  const { deps, actor } = ctx
  assertCan(actor, 'customer:edit')
  const parsed = parseInput(CustomerPatch, raw, 'CUSTOMER_INVALID', text('客户信息有误', 'The customer is not valid'))
  const tenant = await resolveTenant(tx, ctx.tenant)
  const { customer: current } = await loadCustomer(tx, tenant.id, visibilityOf(actor), idOrCode)
  if (current.version !== expectedVersion) throw staleVersion(current.version, expectedVersion)
  const patch = withoutSensitiveEchoes(actor, parsed, current)
  if (current.status === 'archived')
    throw conflict(
      'CUSTOMER_ARCHIVED',
      text(
        `客户 ${current.code} 已归档，请先恢复再修改`,
        `Customer ${current.code} is archived; restore it before editing`,
      ),
      { customerCode: current.code },
    )
  const has = (k: keyof CustomerInput) => Object.hasOwn(patch, k) && patch[k] !== undefined
  const issues: Issue[] = []

  if (has('code') && patch.code && normalizeCode(patch.code) !== current.code)
    issues.push(
      issue(
        ['code'],
        'CUSTOMER_CODE_IMMUTABLE',
        text(
          `客户编码不能在编辑中修改（当前 ${current.code}）；请使用"重新编码"，旧编码会保留为别名`,
          `A customer's code does not change on edit (now ${current.code}); use re-code, which keeps the old code as an alias`,
        ),
      ),
    )

  // Plain fields: validate the patch's fields; fields it leaves alone keep their stored value exactly.
  const index = await loadClassIndex(tx, tenant.id)
  const [before] = await unmaskedViews(tx, tenant.id, visibilityOf(actor), [current], index)
  const merged: Partial<CustomerInput> = { name: current.name, ...patch }
  const fieldIssues: Issue[] = []
  const built = buildPlainFields(merged, fieldIssues)
  issues.push(...fieldIssues.filter((i) => has(String(i.path[0]) as keyof CustomerInput)))
  const fields = {} as Record<keyof PlainFields, unknown>
  for (const k of PLAIN_KEYS) fields[k] = has(inputKeyOf(k)) ? built[k] : current[k]
  // An automatic mnemonic follows the short name; one the clerk typed stays.
  const autoBefore = customerMnemonic(current.shortName, current.name) || null
  if (!has('mnemonic') && (has('shortName') || has('name')) && current.mnemonic === autoBefore)
    fields.mnemonic = customerMnemonic(fields.shortName as string | null, fields.name as string) || null

  // Classes: the patched schemes are checked (leaf-only, existence); the others stay as they are.
  const patchedNodes = nodeCodesOf(patch)
  const keptCodes: Record<string, string | null> = {}
  for (const [schemeCode, ref] of Object.entries(before!.nodes))
    if (!Object.hasOwn(patchedNodes, schemeCode)) keptCodes[schemeCode] = ref.code
  const placement = await placeNodes(tx, tenant.id, index.schemes, keptCodes, [], { assignable: false })
  for (const [k, v] of await placeNodes(tx, tenant.id, index.schemes, patchedNodes, issues)) placement.set(k, v)
  const classes: Record<string, string> = {}
  for (const p of placement.values()) classes[p.scheme.id] = p.node.id

  const accountManagerId = has('accountManager')
    ? await userIdOf(tx, patch.accountManager, issues)
    : current.accountManagerId
  let headOfficeId = current.headOfficeId
  if (has('headOffice')) {
    headOfficeId = await customerIdOf(tx, tenant.id, visibilityOf(actor), patch.headOffice, 'headOffice', issues)
    if (headOfficeId) await assertNoHeadOfficeCycle(tx, tenant.id, current.id, headOfficeId, issues)
  }
  const registrationDate = has('registrationDate')
    ? (patch.registrationDate?.trim() ?? '') || current.registrationDate
    : current.registrationDate
  const status = has('status') ? (patch.status ?? current.status) : current.status

  // Attributes: stored values that still apply, overlaid by the patch; checked as a whole.
  const subject: FilterSubject = {
    fields: { ...fields, registrationDate, status, accountManagerId },
    classes: classesSubject(placement),
    attributes: {},
  }
  const catalog = await loadAttributeCatalog(tx, tenant.id)
  const applicable = applicableAttributeCodes(catalog.dimensions, catalog.defs, subject)
  const attrInput: Record<string, unknown> = {}
  for (const [code, v] of Object.entries(current.attributes)) if (applicable.has(code)) attrInput[code] = v
  const patchAttrs = patch.attributes ?? {}
  for (const [code, v] of Object.entries(patchAttrs)) attrInput[code] = v
  subject.attributes = attrInput
  // 自动分类 on save: fills schemes that are empty and that this edit did not clear on purpose.
  const filled = await applyClassRules(tx, tenant.id, subject, classes, index.schemes)
  const added: Record<string, string> = {}
  for (const [schemeId, nodeId] of Object.entries(filled)) {
    const scheme = index.schemes.find((x) => x.id === schemeId)
    if (!scheme || classes[schemeId] || Object.hasOwn(patchedNodes, scheme.code)) continue
    added[schemeId] = nodeId
    classes[schemeId] = nodeId
  }
  if (Object.keys(added).length > 0) {
    await placeAdded(tx, tenant.id, index.schemes, placement, added)
    subject.classes = classesSubject(placement)
  }
  const classesChanged = JSON.stringify(classes) !== JSON.stringify(current.classes)
  const attrs = await checkCustomerAttributes(tx, tenant.id, subject, attrInput, current.attributes)
  // Problems of untouched attributes count only when the classes (and so the applicable set) changed.
  issues.push(...attrs.issues.filter((i) => classesChanged || Object.hasOwn(patchAttrs, String(i.path[1] ?? ''))))
  assertNoIssues(issues, 'CUSTOMER_INVALID', text('客户信息有误', 'The customer is not valid'))

  const now = deps.clock.now().toISOString()
  const next: Customer = {
    ...current,
    ...(fields as unknown as PlainFields),
    classes,
    accountManagerId,
    headOfficeId,
    registrationDate,
    status,
    attributes: attrs.values,
    version: current.version + 1,
    updatedAt: now,
    updatedBy: actor.label,
  }
  const [after] = await unmaskedViews(tx, tenant.id, visibilityOf(actor), [next], index)
  const changes = diffViews(auditViewOf(before!), auditViewOf(after!))
  if (Object.keys(changes).length === 0)
    return { ...(await detailOf(tx, tenant.id, actor, current, index)), changes: {} }
  if (next.uscc !== current.uscc) await assertUsccFree(tx, tenant.id, visibilityOf(actor), next.uscc, current.id)
  if (!(await tx.customers.update(next, expectedVersion))) {
    const now2 = await tx.customers.byId(tenant.id, EVERY_CUSTOMER, current.id)
    throw staleVersion(now2?.version ?? current.version + 1, expectedVersion)
  }
  if (JSON.stringify(next.attributes) !== JSON.stringify(current.attributes))
    await writeAttributeUniques(tx, tenant.id, current.id, attrs.uniques)
  await assertStaysVisible(tx, tenant.id, actor, [current.id])
  await tx.audit.append(
    auditEvent(deps, actor, tenant.id, 'customer.updated', 'customer', current.id, {
      code: current.code,
      version: next.version,
      changes,
    }),
  )
  return { ...(await detailOf(tx, tenant.id, actor, next, index)), changes: changesShownTo(actor, changes) }
}

/** Edits a customer in a transaction of its own (see `updateCustomerInTx`). */
export function updateCustomer(
  ctx: RequestContext,
  idOrCode: string,
  expectedVersion: number,
  patch: CustomerPatch,
): Promise<UpdateCustomerResult> {
  return ctx.deps.store.transaction(
    (tx) => updateCustomerInTx(ctx, tx, idOrCode, expectedVersion, patch),
    // an edit changes no configuration: schemes, nodes and rules come from the shared cache (ADR 0009)
    { cachedConfig: true },
  )
}
