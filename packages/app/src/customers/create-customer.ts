import { createHash } from 'node:crypto'
import {
  AppError,
  assertCan,
  assertNoIssues,
  type CodeRule,
  type Customer,
  conflict,
  EVERY_CUSTOMER,
  type FilterSubject,
  type Issue,
  issue,
  parseInput,
  reissue,
  type Tenant,
  type Text,
  type Tx,
  text,
  type Visibility,
  visibilityOf,
} from '@kehu/core'
import { assertStaysVisible } from '../access/internal/stays-visible.js'
import { checkCustomerAttributes, writeAttributeUniques } from '../attributes/internal/customer-attributes.js'
import { auditEvent } from '../audit/audit-event.js'
import { applyClassRules } from '../classification/internal/auto-classify.js'
import { placementDefaults } from '../classification/internal/class-defaults.js'
import {
  classesSubject,
  type Placement,
  placeAdded,
  placeNodes,
  recordValues,
} from '../classification/internal/placement.js'
import { type Allocation, allocateCode } from '../codes/internal/allocate-code.js'
import { chooseRule } from '../codes/internal/choose-rule.js'
import { mapTables } from '../codes/internal/map-tables.js'
import type { RequestContext } from '../context.js'
import type { Deps } from '../deps.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { CustomerInput, nodeCodesOf } from './customer-input.js'
import { auditViewOf, type CustomerDetail, detailOf, shownTo, unmaskedViews } from './customer-view.js'
import { buildPlainFields, todayIn } from './internal/build-customer.js'
import { withoutSensitiveEchoes } from './internal/sensitive-input.js'

export interface CreateCustomerOptions {
  /** A retried create with the same key returns the first result and spends no code. */
  idempotencyKey?: string | undefined
}

/** What a create wrote, as the record page shows it. */
export interface CreatedCustomer extends CustomerDetail {
  /** The typed code was taken; as asked (`nextCodeIfTaken`), the rule's next free code was issued instead. */
  codeReplaced?: { requested: string; issued: string }
  /** The typed code does not fit the rule and was accepted as a legacy code (the rule allows it): why. */
  codeWarning?: Text
}

export interface CreateCustomerResult extends CreatedCustomer {
  /** True when an idempotent retry returned the first result. */
  replayed?: boolean
}

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

const fingerprint = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex')

/** Resolves a login to a user id, or records an issue. */
export async function userIdOf(tx: Tx, login: string | null | undefined, issues: Issue[]): Promise<string | null> {
  if (!login?.trim()) return null
  const u = await tx.users.byLogin(login.trim())
  if (!u)
    issues.push(
      issue(['accountManager'], 'USER_NOT_FOUND', text(`用户 ${login} 不存在`, `User ${login} does not exist`)),
    )
  return u?.id ?? null
}

/** Resolves a customer code (live or old) of a customer the caller may see to an id, or records an issue. */
export async function customerIdOf(
  tx: Tx,
  tenantId: string,
  visible: Visibility,
  code: string | null | undefined,
  path: string,
  issues: Issue[],
): Promise<string | null> {
  if (!code?.trim()) return null
  const { normalizeCode } = await import('@kehu/core')
  const found = await tx.codes.find(tenantId, normalizeCode(code))
  const c = found && (await tx.customers.byId(tenantId, visible, found.customerId)) ? found : undefined
  if (!c)
    issues.push(
      issue([path], 'CUSTOMER_NOT_FOUND', text(`客户编码 ${code} 不存在`, `No customer has the code ${code}`)),
    )
  return c?.customerId ?? null
}

/**
 * Refuses a USCC that another customer of the tenant already holds (archived ones included). The holder is
 * named only when the caller may see it: uniqueness holds across data scopes, the holder's identity does not.
 */
export async function assertUsccFree(
  tx: Tx,
  tenantId: string,
  visible: Visibility,
  uscc: string | null,
  selfId?: string,
) {
  if (!uscc) return
  const other = await tx.customers.byUscc(tenantId, EVERY_CUSTOMER, uscc)
  if (!other || other.id === selfId) return
  const shown = (await tx.customers.byId(tenantId, visible, other.id)) ? other.code : null
  const holder = shown
    ? text(`客户 ${shown}`, `customer ${shown}`)
    : text('您无权查看的客户', 'a customer you may not see')
  throw new AppError(
    'conflict',
    'CUSTOMER_USCC_TAKEN',
    text(
      `统一社会信用代码 ${uscc} 已在档案中（${holder.zh}）`,
      `The USCC ${uscc} is already in the archive (${holder.en})`,
    ),
    {
      // On the field too, so the form shows it there (with a link to the holder from `customerCode`).
      issues: [issue(['uscc'], 'CUSTOMER_USCC_TAKEN', text(`已被${holder.zh}使用`, `Already used by ${holder.en}`))],
      details: shown ? { uscc, customerCode: shown } : { uscc },
    },
  )
}

/** A new customer as far as it can be built before its code: every issue collected, nothing thrown or written. */
export interface CustomerDraft {
  issues: Issue[]
  fields: ReturnType<typeof buildPlainFields>
  placement: Placement
  registrationDate: string
  headOfficeId: string | null
  managerId: string | null
  attrs: Awaited<ReturnType<typeof checkCustomerAttributes>>
  /** The rule that codes it (docs/decisions/0014-design-brief.md, A.9). */
  rule: CodeRule
  now: Date
}

/**
 * Builds a new customer the way a create does: fields, classes (with automatic classification), per-class
 * defaults, attributes, and the rule that codes it. Shared by the create and the form's code preview.
 */
export async function draftCustomer(
  deps: Deps,
  tx: Tx,
  tenant: Tenant,
  visible: Visibility,
  input: CustomerInput,
): Promise<CustomerDraft> {
  const issues: Issue[] = []
  const fields = buildPlainFields(input, issues)
  const schemes = await tx.schemes.list(tenant.id)
  const placement = await placeNodes(tx, tenant.id, schemes, nodeCodesOf(input), issues)
  const accountManagerId = await userIdOf(tx, input.accountManager, issues)
  const headOfficeId = await customerIdOf(tx, tenant.id, visible, input.headOffice, 'headOffice', issues)
  const now = deps.clock.now()
  const registrationDate = input.registrationDate?.trim() || todayIn(tenant.timeZone, now)
  const subject: FilterSubject = {
    fields: { ...fields, registrationDate, status: input.status ?? 'active', accountManagerId },
    classes: classesSubject(placement),
    attributes: {},
  }
  // 自动分类 fills only the schemes the clerk left empty; then the per-class defaults fill only empty fields.
  const chosen: Record<string, string> = {}
  for (const p of placement.values()) chosen[p.scheme.id] = p.node.id
  await placeAdded(tx, tenant.id, schemes, placement, await applyClassRules(tx, tenant.id, subject, chosen, schemes))
  subject.classes = classesSubject(placement)
  const defaults = await placementDefaults(tx, tenant.id, placement)
  const managerId = accountManagerId ?? defaults.accountManagerId ?? null
  subject.fields.accountManagerId = managerId
  const attrs = await checkCustomerAttributes(tx, tenant.id, subject, input.attributes)
  issues.push(...attrs.issues)
  subject.attributes = attrs.values
  const rule = chooseRule(await tx.codeRules.list(tenant.id), subject, defaults.codeRuleId, attrs.defs)
  return { issues, fields, placement, registrationDate, headOfficeId, managerId, attrs, rule, now }
}

/**
 * Creates a customer inside the caller's transaction (ARCHITECTURE.md, "one request end to end"): validates
 * every field at once, places it in its classes, chooses the rule, allocates the code with the counter locked
 * until commit, inserts, and audits. An import or a merge calls it once per customer in one transaction.
 */
export async function createCustomerInTx(ctx: RequestContext, tx: Tx, raw: CustomerInput): Promise<CreatedCustomer> {
  const { deps, actor } = ctx
  assertCan(actor, 'customer:create')
  const input = withoutSensitiveEchoes(
    actor,
    parseInput(CustomerInput, raw, 'CUSTOMER_INVALID', text('客户信息有误', 'The customer is not valid')),
  )
  const tenant = await resolveTenant(tx, ctx.tenant)
  const { issues, fields, placement, registrationDate, headOfficeId, attrs, rule, now, ...draft } = await draftCustomer(
    deps,
    tx,
    tenant,
    visibilityOf(actor),
    input,
  )
  // Under the `own` scope a new customer without an account manager is the creator's.
  const visible = visibilityOf(actor)
  const managerId = draft.managerId ?? (visible.kind === 'scoped' ? visible.ownerId : null)
  assertNoIssues(issues, 'CUSTOMER_INVALID', text('客户信息有误', 'The customer is not valid'))
  await assertUsccFree(tx, tenant.id, visibilityOf(actor), fields.uscc)
  const id = deps.ids.next()
  const at = now.toISOString()
  let allocation: Allocation
  try {
    allocation = await allocateCode(tx, {
      tenantId: tenant.id,
      customerId: id,
      rule,
      values: recordValues(placement, registrationDate, attrs.values, attrs.defs),
      maps: await mapTables(tx, tenant.id),
      requested: input.code,
      nextIfTaken: input.nextCodeIfTaken === true,
      now: at,
    })
  } catch (e) {
    // the engine names a missing field by its own path; the customer form shows it on that field
    if (e instanceof AppError && e.kind === 'invalid' && e.code.startsWith('CODE_'))
      throw reissue(e, { issues: e.issues.length ? e.issues : [issue(['code'], e.code, e.text)] })
    throw e
  }
  const classes: Record<string, string> = {}
  for (const p of placement.values()) classes[p.scheme.id] = p.node.id
  const customer: Customer = {
    id,
    tenantId: tenant.id,
    code: allocation.code,
    ...fields,
    accountManagerId: managerId,
    registrationDate,
    headOfficeId,
    status: input.status ?? 'active',
    attributes: attrs.values,
    classes,
    codeRuleId: rule.id,
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: actor.label,
    updatedBy: actor.label,
  }
  await tx.customers.insert(customer)
  await writeAttributeUniques(tx, tenant.id, id, attrs.uniques, undefined, { isNew: true })
  await assertStaysVisible(tx, tenant.id, actor, [id])
  const [view] = await unmaskedViews(tx, tenant.id, visibilityOf(actor), [customer])
  const codeReplaced = allocation.replaced
    ? { codeReplaced: { requested: allocation.replaced.requested, issued: allocation.code } }
    : {}
  const codeWarning = allocation.warning ? { codeWarning: allocation.warning.en } : {}
  await tx.audit.append(
    auditEvent(deps, actor, tenant.id, 'customer.created', 'customer', id, {
      after: auditViewOf(view!),
      rule: rule.name,
      ...codeReplaced,
      ...codeWarning,
    }),
  )
  return {
    ...shownTo(actor, view!),
    codes: [{ code: allocation.code, kind: 'live', createdAt: at }],
    ...codeReplaced,
    ...(allocation.warning ? { codeWarning: allocation.warning } : {}),
  }
}

/** Creates a customer in a transaction of its own; with an idempotency key a retry returns the first result. */
export async function createCustomer(
  ctx: RequestContext,
  input: CustomerInput,
  options: CreateCustomerOptions = {},
): Promise<CreateCustomerResult> {
  const { deps, actor } = ctx
  assertCan(actor, 'customer:create')
  return deps.store.transaction(
    async (tx) => {
      const key = options.idempotencyKey?.trim()
      if (!key) return createCustomerInTx(ctx, tx, input)
      const tenant = await resolveTenant(tx, ctx.tenant)
      const now = deps.clock.now()
      const fp = fingerprint(input)
      const prior = await tx.idempotency.claim({
        tenantId: tenant.id,
        key,
        actor: actor.label,
        fingerprint: fp,
        status: 'running',
        response: null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
      })
      if (prior) {
        if (prior.fingerprint !== fp)
          throw new AppError(
            'unprocessable',
            'IDEMPOTENCY_KEY_REUSED',
            text('同一个幂等键已用于另一份请求内容', 'This idempotency key was used with a different request body'),
          )
        if (prior.status !== 'done')
          throw conflict(
            'IDEMPOTENCY_IN_PROGRESS',
            text('同一个幂等键的请求仍在处理中', 'A request with this idempotency key is still running'),
          )
        const id = (prior.response as { customerId?: string } | null)?.customerId
        const customer = id ? await tx.customers.byId(tenant.id, visibilityOf(actor), id) : undefined
        if (!customer)
          throw conflict(
            'IDEMPOTENCY_STALE',
            text('幂等键对应的客户已不存在', 'The customer of this idempotency key no longer exists'),
          )
        return { ...(await detailOf(tx, tenant.id, actor, customer)), replayed: true }
      }
      const result = await createCustomerInTx(ctx, tx, input)
      await tx.idempotency.complete(tenant.id, key, { customerId: result.customer.id })
      return result
    },
    // a create writes no configuration: schemes, nodes and rules come from the shared cache (ADR 0009)
    { cachedConfig: true },
  )
}
