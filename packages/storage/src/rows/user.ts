import type { AppUser } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { AppUserTable } from '../schema.js'
import { b, bool } from './values.js'

export const userOf = (r: Selectable<AppUserTable>): AppUser => ({
  id: r.id,
  login: r.login,
  displayName: r.display_name,
  isAdmin: bool(r.is_admin),
  enabled: bool(r.enabled),
  createdAt: r.created_at,
})

/** A new user has no password until sign-in lands. */
export const userRow = (u: AppUser): Insertable<AppUserTable> => ({
  id: u.id,
  login: u.login,
  display_name: u.displayName,
  password_hash: null,
  is_admin: b(u.isAdmin),
  enabled: b(u.enabled),
  created_at: u.createdAt,
})
