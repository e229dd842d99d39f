import type { Permission } from './permissions.js'
import { PERMISSIONS } from './permissions.js'

/** The roles every tenant starts with (docs/decisions/0023-identity-sign-in-and-sessions.md). */
export const BUILT_IN_ROLE_CODES = ['admin', 'clerk', 'sales', 'readonly'] as const
export type BuiltInRoleCode = (typeof BUILT_IN_ROLE_CODES)[number]

const READ: Permission[] = ['customer:read', 'class:read', 'dimension:read', 'code-rule:read', 'tenant:read']

/**
 * Each built-in role's name and permissions. They live in the code, not in the database, so a permission a
 * release adds reaches the built-in roles with it; custom roles keep the list they were given.
 */
export const BUILT_IN_ROLES: Record<BuiltInRoleCode, { name: string; permissions: readonly Permission[] }> = {
  // A tenant's administrator: everything inside the tenant; creating tenants stays with global administrators.
  admin: { name: '管理员', permissions: PERMISSIONS.filter((p) => p !== 'admin') },
  clerk: {
    name: '建档员',
    permissions: [
      ...READ,
      'customer:create',
      'customer:edit',
      'customer:archive',
      'customer:sensitive',
      'class:edit',
      'dimension:edit',
      'import',
      'export',
    ],
  },
  sales: { name: '业务员', permissions: [...READ, 'customer:create', 'customer:edit'] },
  readonly: { name: '只读', permissions: READ },
}

export const isBuiltInRole = (code: string): code is BuiltInRoleCode =>
  (BUILT_IN_ROLE_CODES as readonly string[]).includes(code)

/** A tenant's role: a built-in one or one made of permissions. */
export interface Role {
  tenantId: string
  code: string
  name: string
  permissions: Permission[]
  builtIn: boolean
  createdAt: string
}

/** The permissions a role grants: a built-in role's come from the code. */
export const permissionsOf = (role: Pick<Role, 'code' | 'builtIn' | 'permissions'>): readonly Permission[] =>
  role.builtIn && isBuiltInRole(role.code) ? BUILT_IN_ROLES[role.code].permissions : role.permissions
