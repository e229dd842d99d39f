import {
  type Actor,
  type AuditedCustomer,
  BUILTIN_SCHEMES,
  type Customer,
  type CustomerCode,
  formatCents,
  isSensitiveField,
  maskCustomer,
  maskValue,
  SENSITIVE_FIELDS,
  seesSensitive,
  type Tx,
  type Visibility,
  visibilityOf,
} from '@kehu/core'
import { type ClassIndex, loadClassIndex } from '../classification/internal/class-index.js'

/** A customer's node in one scheme, as the edges show it. */
export interface NodeRef {
  code: string
  name: string
  /** Level 1 down to the node. */
  path: { code: string; name: string }[]
}

/** A customer for display: node codes and names per scheme code instead of ids, logins and codes instead of ids. */
export interface CustomerView {
  customer: Customer
  /** Node per scheme code (`type`, `class`, `region`, `industry`, user-defined). */
  nodes: Record<string, NodeRef>
  /** Login of the account manager. */
  accountManager: string | null
  /** Code and name of the head-office customer. */
  headOffice: { code: string; name: string } | null
  /**
   * The sensitive fields masked for this caller (API keys, e.g. `phone`, `creditLimit`), whether or not they
   * hold a value, so a form knows which fields to lock; empty when the caller sees them all.
   */
  masked: string[]
}

/** A customer with its codes, live and old (aliases), for the record page. */
export interface CustomerDetail extends CustomerView {
  codes: Pick<CustomerCode, 'code' | 'kind' | 'createdAt'>[]
  /** Set when the customer was found by one of its old codes. */
  matchedAlias?: string
}

/** Node references per scheme code of a customer's classes (node ids per scheme id). */
export function nodesOf(classes: Record<string, string>, index: ClassIndex): Record<string, NodeRef> {
  const out: Record<string, NodeRef> = {}
  for (const [schemeId, nodeId] of Object.entries(classes)) {
    const scheme = index.schemeById.get(schemeId)
    const node = index.nodeById.get(nodeId)
    if (!scheme || !node) continue
    const path: NodeRef['path'] = []
    for (
      let cur: typeof node | undefined = node;
      cur;
      cur = cur.parentId ? index.nodeById.get(cur.parentId) : undefined
    )
      path.unshift({ code: cur.code, name: cur.name })
    out[scheme.code] = { code: node.code, name: node.name, path }
  }
  return out
}

/**
 * Display views of customers as this caller may see them: sensitive fields masked unless the actor holds
 * `customer:sensitive`. Every customer a use case returns goes through here (or `detailOf`), so no answer can
 * forget the field permissions.
 */
export async function viewCustomers(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  customers: Customer[],
  index?: ClassIndex,
): Promise<CustomerView[]> {
  return (await unmaskedViews(tx, tenantId, visibilityOf(actor), customers, index)).map((v) => shownTo(actor, v))
}

/** A stored customer as this caller may see it: the one place sensitive fields are masked. */
export const recordShownTo = (actor: Actor, customer: Customer): { customer: Customer; masked: string[] } =>
  seesSensitive(actor) ? { customer, masked: [] } : { customer: maskCustomer(customer), masked: [...SENSITIVE_FIELDS] }

/** A view as this caller may see it. */
export const shownTo = (actor: Actor, view: CustomerView): CustomerView => ({
  ...view,
  ...recordShownTo(actor, view.customer),
})

/**
 * Views with every field as stored, loading the class index, users and head offices once: for the audit log's
 * before → after and a use case's own checks, never for an answer (`viewCustomers` is that).
 */
export async function unmaskedViews(
  tx: Tx,
  tenantId: string,
  visible: Visibility,
  customers: Customer[],
  index?: ClassIndex,
): Promise<CustomerView[]> {
  const idx = index ?? (await loadClassIndex(tx, tenantId))
  const logins = new Map<string, string>()
  const heads = new Map<string, { code: string; name: string } | null>()
  for (const c of customers) {
    if (c.accountManagerId && !logins.has(c.accountManagerId)) {
      const u = await tx.users.byId(c.accountManagerId)
      logins.set(c.accountManagerId, u?.login ?? c.accountManagerId)
    }
    if (c.headOfficeId && !heads.has(c.headOfficeId)) {
      const h = await tx.customers.byId(tenantId, visible, c.headOfficeId)
      heads.set(c.headOfficeId, h ? { code: h.code, name: h.name } : null)
    }
  }
  return customers.map((c) => ({
    customer: c,
    nodes: nodesOf(c.classes, idx),
    accountManager: c.accountManagerId ? (logins.get(c.accountManagerId) ?? null) : null,
    headOffice: c.headOfficeId ? (heads.get(c.headOfficeId) ?? null) : null,
    masked: [],
  }))
}

/** A customer's record-page view as this caller may see it: its view plus its codes, live and old. */
export async function detailOf(
  tx: Tx,
  tenantId: string,
  actor: Actor,
  customer: Customer,
  index?: ClassIndex,
): Promise<CustomerDetail> {
  const [view] = await viewCustomers(tx, tenantId, actor, [customer], index)
  const codes = (await tx.codes.listByCustomer(tenantId, customer.id)).map((c) => ({
    code: c.code,
    kind: c.kind,
    createdAt: c.createdAt,
  }))
  return { ...view!, codes }
}

/**
 * A flat, readable form of a customer for the audit log and its before → after pairs: node codes per
 * scheme code, the account manager's login, the head office's code, the credit limit in yuan.
 */
export function auditViewOf(view: CustomerView): AuditedCustomer {
  const {
    id: _id,
    tenantId: _t,
    classes: _c,
    accountManagerId: _a,
    headOfficeId: _h,
    creditLimitCents,
    codeRuleId: _r,
    createdAt: _ca,
    createdBy: _cb,
    updatedAt: _ua,
    updatedBy: _ub,
    version: _v,
    ...rest
  } = view.customer
  const { attributes, ...plain } = rest
  const out: Record<string, unknown> = {
    ...plain,
    creditLimit: creditLimitCents === null ? null : formatCents(creditLimitCents),
    accountManager: view.accountManager,
    headOffice: view.headOffice?.code ?? null,
  }
  for (const [scheme, n] of Object.entries(view.nodes))
    out[BUILTIN_SCHEMES.includes(scheme as 'type') ? scheme : `classes.${scheme}`] = n.code
  for (const [code, v] of Object.entries(attributes)) out[`attributes.${code}`] = v
  return out as AuditedCustomer
}

/** One field's before → after as this caller may see it: a sensitive value masked without `customer:sensitive`. */
export function changeShownTo(
  actor: Actor,
  field: string,
  c: { before: unknown; after: unknown },
): { before: unknown; after: unknown; masked?: true } {
  if (!isSensitiveField(field) || seesSensitive(actor)) return c
  return { before: maskValue(field, c.before), after: maskValue(field, c.after), masked: true }
}

/** Before → after pairs (an edit's answer) as this caller may see them. */
export const changesShownTo = (actor: Actor, changes: Record<string, { before: unknown; after: unknown }>) =>
  Object.fromEntries(Object.entries(changes).map(([field, c]) => [field, changeShownTo(actor, field, c)]))

/** The fields that differ between two audit views, as before → after pairs (absent is null). */
export function diffViews(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key] ?? null
    const b = after[key] ?? null
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = { before: a, after: b }
  }
  return out
}

/** A customer as the API and the CLI print it: node codes per scheme (not ids), credit limit in yuan, logins. */
export function customerJson(v: CustomerView) {
  const {
    tenantId: _t,
    classes: _c,
    accountManagerId: _a,
    headOfficeId: _h,
    codeRuleId: _r,
    creditLimitCents,
    ...c
  } = v.customer
  const classes: Record<string, string> = {}
  for (const [scheme, n] of Object.entries(v.nodes))
    if (!BUILTIN_SCHEMES.includes(scheme as 'type')) classes[scheme] = n.code
  return {
    ...c,
    accountManager: v.accountManager,
    creditLimit: creditLimitCents === null ? null : formatCents(creditLimitCents),
    headOffice: v.headOffice,
    type: v.nodes.type?.code ?? null,
    class: v.nodes.class?.code ?? null,
    region: v.nodes.region?.code ?? null,
    industry: v.nodes.industry?.code ?? null,
    classes,
    nodes: v.nodes,
    masked: v.masked,
  }
}
export type CustomerJson = ReturnType<typeof customerJson>

/** The strong ETag of a customer version (`"v7"`): what `If-Match` sends back. */
export const etagOf = (version: number) => `"v${version}"`
