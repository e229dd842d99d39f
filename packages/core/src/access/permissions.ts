import { AppError, text } from '../errors.js'

/** Function permissions (`resource:action`). */
export const PERMISSIONS = [
  'customer:read',
  'customer:create',
  'customer:edit',
  'customer:archive',
  'customer:delete',
  'customer:merge',
  'class:read',
  'class:edit',
  'dimension:read',
  'dimension:edit',
  'code-rule:read',
  'code-rule:edit',
  'code:audit',
  'tenant:read',
  'tenant:admin',
  'import',
  'export',
  'audit:read',
  'admin',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/** Who acts: a kehu user, through the web, the API or the CLI. */
export interface Actor {
  userId: string
  login: string
  /** What the audit log records, e.g. `admin` or `cli:alice`. */
  label: string
  isAdmin: boolean
  permissions: ReadonlySet<Permission> | 'all'
}

/** Throws `forbidden` unless the actor holds the permission. Until sign-in lands every actor is the administrator. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (actor.isAdmin || actor.permissions === 'all' || actor.permissions.has(permission)) return
  throw new AppError('forbidden', 'ACCESS_DENIED', text(`没有权限：${permission}`, `Not allowed: ${permission}`), {
    details: { permission },
  })
}
