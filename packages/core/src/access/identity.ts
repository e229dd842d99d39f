import type { Permission } from './permissions.js'

/** A signed-in browser's session. The cookie holds a random secret; only its SHA-256 is stored. */
export interface UserSession {
  /** Public id, for listing and revoking; never the secret. */
  id: string
  userId: string
  createdAt: string
  lastSeenAt: string
  /** The absolute end; the idle timeout is counted from `lastSeenAt`. */
  expiresAt: string
  address: string | null
  userAgent: string | null
  revokedAt: string | null
}

/** A token for integrations (`Authorization: Bearer`): stored as SHA-256, shown once. */
export interface ApiToken {
  id: string
  userId: string
  name: string
  /** The permissions it may use (never more than its user has); empty = all of its user's. */
  scopes: Permission[]
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
}

/** A user's role in one tenant. */
export interface Membership {
  tenantId: string
  userId: string
  roleCode: string
  createdAt: string
}

/** One line of the global log of sign-ins and of changes to users, sessions and tokens. */
export interface AccessEvent {
  id: string
  at: string
  /** Who acted (`alice`, `cli:root`), or the login tried for a sign-in. */
  actor: string
  action: string
  login: string | null
  userId: string | null
  address: string | null
  /** The tenant the event concerns (a membership, a role, a token used there); null for sign-ins and users. */
  tenantId: string | null
  data: Record<string, unknown>
}
