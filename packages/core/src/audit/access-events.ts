import { z } from 'zod'

const Session = z.looseObject({ sessionId: z.string() })
const Token = z.looseObject({ tokenId: z.string(), name: z.string() })
const Changed = z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() }))
const UserChange = z.looseObject({
  changed: Changed.optional(),
  passwordReset: z.boolean().optional(),
  sessionsEnded: z.number().int().optional(),
})
/** A change to a role or a membership in one tenant (the tenant's code, the role's code). */
const InTenant = z.looseObject({ tenant: z.string(), role: z.string().optional() })

/**
 * Every access event kind with its payload's schema: the global log of sign-ins and of changes to users,
 * sessions, tokens, roles and memberships (tenant changes are `AUDIT_EVENTS`). Payloads may carry more keys
 * (the request id).
 */
export const ACCESS_EVENTS = {
  'sign-in': Session,
  'sign-in.failed': z.looseObject({ reason: z.enum(['unknown-login', 'no-password', 'wrong-password', 'disabled']) }),
  /** Refused unheard: the login or the address had too many recent failures. */
  'sign-in.limited': z.looseObject({}),
  /** An administrator ended a login's sign-in lock early: earlier failures no longer count. */
  'sign-in.unlocked': z.looseObject({}),
  'sign-out': Session,
  'session.revoked': Session,
  'user.set-up': z.looseObject({}),
  'user.created': z.looseObject({ admin: z.boolean() }),
  'user.updated': UserChange,
  'user.disabled': UserChange,
  'user.password-changed': z.looseObject({ sessionsEnded: z.number().int() }),
  'token.created': Token,
  'token.revoked': Token,
  /** An API token called a route (at most one row a minute per token). */
  'token.used': Token,
  'role.granted': InTenant,
  'role.revoked': InTenant,
  'role.created': InTenant,
  'role.updated': InTenant,
  'role.deleted': InTenant,
  'member.updated': InTenant,
} as const satisfies Record<string, z.ZodType>

export type AccessAction = keyof typeof ACCESS_EVENTS
export type AccessPayload<A extends AccessAction> = z.input<(typeof ACCESS_EVENTS)[A]>

export const isAccessAction = (a: string): a is AccessAction => Object.hasOwn(ACCESS_EVENTS, a)
