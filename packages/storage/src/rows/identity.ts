import type { AccessEvent, ApiToken, Membership, Permission, Role, UserSession } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { AccessEventTable, ApiTokenTable, MembershipTable, RoleTable, UserSessionTable } from '../schema.js'
import { b, bool, json, toJson } from './values.js'

export const sessionOf = (r: Selectable<UserSessionTable>): UserSession => ({
  id: r.id,
  userId: r.user_id,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  address: r.address,
  userAgent: r.user_agent,
  revokedAt: r.revoked_at,
})

export const sessionRow = (s: UserSession, secretHash: string): Insertable<UserSessionTable> => ({
  id: s.id,
  secret_hash: secretHash,
  user_id: s.userId,
  created_at: s.createdAt,
  last_seen_at: s.lastSeenAt,
  expires_at: s.expiresAt,
  address: s.address,
  user_agent: s.userAgent,
  revoked_at: s.revokedAt,
})

export const apiTokenOf = (r: Selectable<ApiTokenTable>): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  scopes: (json(r.scopes) ?? []) as Permission[],
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
})

export const apiTokenRow = (t: ApiToken, secretHash: string): Insertable<ApiTokenTable> => ({
  id: t.id,
  secret_hash: secretHash,
  user_id: t.userId,
  name: t.name,
  scopes: toJson(t.scopes),
  created_at: t.createdAt,
  expires_at: t.expiresAt,
  last_used_at: t.lastUsedAt,
  revoked_at: t.revokedAt,
})

export const roleOf = (r: Selectable<RoleTable>): Role => ({
  tenantId: r.tenant_id,
  code: r.code,
  name: r.name,
  permissions: (json(r.permissions) ?? []) as Permission[],
  builtIn: bool(r.built_in),
  createdAt: r.created_at,
})

export const roleRow = (r: Role): Insertable<RoleTable> => ({
  tenant_id: r.tenantId,
  code: r.code,
  name: r.name,
  permissions: toJson(r.permissions),
  built_in: b(r.builtIn),
  created_at: r.createdAt,
})

export const membershipOf = (r: Selectable<MembershipTable>): Membership => ({
  tenantId: r.tenant_id,
  userId: r.user_id,
  roleCode: r.role_code,
  createdAt: r.created_at,
})

export const accessEventOf = (r: Selectable<AccessEventTable>): AccessEvent => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  login: r.login,
  userId: r.user_id,
  address: r.address,
  tenantId: r.tenant_id,
  data: (json(r.data) ?? {}) as Record<string, unknown>,
})

export const accessEventRow = (e: AccessEvent): Insertable<AccessEventTable> => ({
  id: e.id,
  at: e.at,
  actor: e.actor,
  action: e.action,
  login: e.login,
  user_id: e.userId,
  address: e.address,
  tenant_id: e.tenantId,
  data: toJson(e.data),
})
