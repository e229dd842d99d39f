import {
  type AccessEvent,
  type AuditEvent,
  assertCan,
  invalid,
  isAccessAction,
  isLogAction,
  issue,
  type LogQuery,
  parseInput,
  text,
  visibilityOf,
} from '@kehu/core'
import { z } from 'zod'
import type { RequestContext } from '../context.js'
import type { FieldChange } from '../customers/customer-history.js'
import { loadCustomer } from '../customers/internal/load-customer.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { dayStartIn } from './internal/day-start.js'
import { accessEntryOf, changeEntryOf } from './internal/entry-of.js'

const DAY = /^\d{4}-\d{2}-\d{2}$/
// An instant with its offset (`2026-03-01T08:00:00Z`, `…+08:00`) or a day of the tenant's calendar.
const When = z
  .string()
  .max(40)
  .refine(
    (s) => DAY.test(s) || (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))),
    {
      message: 'a date (2026-03-01) or a time with its offset (2026-03-01T08:00:00+08:00)',
    },
  )

export const AuditSearchInput = z.object({
  actor: z.string().max(100).optional(),
  action: z.string().max(60).optional(),
  customer: z.string().max(100).optional(),
  /** From this time on (a day: from its start, in the tenant's time zone). */
  from: When.optional(),
  /** Up to this time (a day: to its end, inclusive). */
  to: When.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
})
export type AuditSearchInput = z.input<typeof AuditSearchInput>

/** One line of the audit page: who did what to which thing when, and the changed fields before → after. */
export interface AuditEntry {
  id: string
  at: string
  actor: string
  /** The kind (`customer.updated`, `sign-in.failed` …; core's EVENT_LABELS names them). */
  action: string
  /** Which log: a change to the tenant's data, or sign-in and access (users, roles, sessions, tokens). */
  log: 'change' | 'access'
  /** What kind of thing it is about: `customer`, `class`, `code-rule`, `user`, `token`, `role` … */
  entity: string
  /** That thing as people name it: a customer's code (today's), a class code, a login, a token or role name. */
  subject: string | null
  /** Before → after per field; a creation has only "after", a deletion only "before". */
  changes: FieldChange[]
  /** Context: the rule that issued a code, how a class was assigned. */
  note: string | null
  /** The client's address (sign-ins, token use). */
  address: string | null
}

export interface AuditPage {
  items: AuditEntry[]
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DEFAULT_LIMIT = 50

const cursorOf = (e: { at: string; id: string }) => Buffer.from(`${e.at}|${e.id}`).toString('base64url')

function parseCursor(cursor: string): { at: string; id: string } {
  const [at = '', id = '', ...rest] = Buffer.from(cursor, 'base64url').toString().split('|')
  if (rest.length > 0 || !UUID.test(id) || Number.isNaN(Date.parse(at)) || new Date(at).toISOString() !== at)
    throw invalid(
      'AUDIT_CURSOR_INVALID',
      text('翻页位置无效，请从第一页重新查询', 'The page position is not valid: search again from the first page'),
      [issue(['cursor'], 'AUDIT_CURSOR_INVALID', text('翻页位置无效', 'Not a page position kehu gave'))],
    )
  return { at, id: id.toLowerCase() }
}

const newestFirst = (a: { at: string; id: string }, b: { at: string; id: string }) =>
  a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1

/**
 * The tenant's audit log, newest first, one page at a time (`audit:read`): its changes (`audit_event`) merged
 * with the access events that concern it (role and membership changes, API token use there). A global
 * administrator also sees the access events that concern no tenant: sign-ins, failed sign-ins, sessions, users
 * and tokens. Events about customers the caller may not see are left out; filtering by a customer the caller
 * may not see answers "not found", as everywhere.
 */
export async function searchAuditLog(
  { deps, actor, tenant: tenantCode }: RequestContext,
  given: AuditSearchInput = {},
): Promise<AuditPage> {
  assertCan(actor, 'audit:read')
  const input = parseInput(
    AuditSearchInput,
    given,
    'AUDIT_SEARCH_INVALID',
    text('查询条件有误', 'The search is not valid'),
  )
  const action = input.action?.trim() || undefined
  if (action !== undefined && !isLogAction(action))
    throw invalid('AUDIT_SEARCH_INVALID', text('查询条件有误', 'The search is not valid'), [
      issue(['action'], 'AUDIT_ACTION_UNKNOWN', text(`没有“${action}”这种操作`, `There is no action ${action}`)),
    ])
  const limit = input.limit ?? DEFAULT_LIMIT
  const visibility = visibilityOf(actor)
  return deps.store.read(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const customer = input.customer?.trim()
      ? (await loadCustomer(tx, tenant.id, visibility, input.customer)).customer
      : undefined
    const day = (s: string | undefined, end: boolean) => {
      if (s === undefined || !DAY.test(s)) return s === undefined ? undefined : new Date(s).toISOString()
      return dayStartIn(tenant.timeZone, s, end ? 1 : 0)
    }
    const query: LogQuery = {
      actor: input.actor,
      actions: action === undefined ? undefined : [action],
      from: day(input.from, false),
      to: day(input.to, true),
      before: input.cursor === undefined ? undefined : parseCursor(input.cursor),
      // one more than a page tells whether another follows
      limit: limit + 1,
    }
    const wantsAccess = customer === undefined && (action === undefined || isAccessAction(action))
    const wantsChanges = action === undefined || !isAccessAction(action)
    const [changes, access] = await Promise.all([
      wantsChanges
        ? tx.audit.search(tenant.id, visibility, {
            ...query,
            entity: customer && { entity: 'customer', id: customer.id },
          })
        : ([] as AuditEvent[]),
      wantsAccess
        ? tx.accessLog.search({ tenantIds: [tenant.id], global: actor.isAdmin }, query)
        : ([] as AccessEvent[]),
    ])
    type Either = { at: string; id: string; change?: AuditEvent; access?: AccessEvent }
    const merged: Either[] = [
      ...changes.map((e) => ({ at: e.at, id: e.id, change: e })),
      ...access.map((e) => ({ at: e.at, id: e.id, access: e })),
    ].sort(newestFirst)
    const page = merged.slice(0, limit)
    const last = page.at(-1)
    const codes = new Map<string, string>()
    for (const { change: e } of page)
      if (e?.entity === 'customer' && !codes.has(e.entityId)) {
        const c = await tx.customers.byId(tenant.id, visibility, e.entityId)
        if (c) codes.set(e.entityId, c.code)
      }
    return {
      items: page.map((x) =>
        x.change ? changeEntryOf(x.change, codes, actor) : accessEntryOf(x.access as AccessEvent),
      ),
      nextCursor: merged.length > limit && last ? cursorOf(last) : null,
    }
  })
}
