import { AppError, type Text, text } from '../errors.js'
import type { Visibility } from './visibility.js'

/** Function permissions (`resource:action`). */
export const PERMISSIONS = [
  'customer:read',
  'customer:create',
  'customer:edit',
  'customer:archive',
  'customer:delete',
  'customer:merge',
  'customer:sensitive',
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

/** Each permission in the user's words, for role editors and `GET /api/permissions`. */
export const PERMISSION_LABELS: Record<Permission, Text> = {
  'customer:read': text('查看客户', 'View customers'),
  'customer:create': text('新增客户', 'Create customers'),
  'customer:edit': text('修改客户', 'Edit customers'),
  'customer:archive': text('停用、归档与恢复客户', 'Disable, archive and restore customers'),
  'customer:delete': text('删除客户', 'Delete customers'),
  'customer:merge': text('合并客户', 'Merge customers'),
  'customer:sensitive': text(
    '查看与修改敏感字段（电话、邮箱、银行账号、税号、信用额度、统一社会信用代码）',
    'See and edit sensitive fields (phone, e-mail, bank account, tax number, credit limit, USCC)',
  ),
  'class:read': text('查看分类', 'View classes'),
  'class:edit': text('维护分类', 'Edit classes'),
  'dimension:read': text('查看管理维度', 'View management dimensions'),
  'dimension:edit': text('维护管理维度', 'Edit management dimensions'),
  'code-rule:read': text('查看编码规则', 'View code rules'),
  'code-rule:edit': text('维护编码规则', 'Edit code rules'),
  'code:audit': text('编码检查与修正', 'Audit and fix codes'),
  'tenant:read': text('查看账套', 'View the tenant'),
  'tenant:admin': text('管理账套成员与角色', "Manage the tenant's members and roles"),
  import: text('导入', 'Import'),
  export: text('导出', 'Export'),
  'audit:read': text('查看审计日志', 'Read the audit log'),
  admin: text('系统管理（用户、账套）', 'System administration (users, tenants)'),
}

export const isPermission = (p: string): p is Permission => (PERMISSIONS as readonly string[]).includes(p)

/** Whether the actor holds the permission (the administrator holds every one). */
export const can = (actor: Actor, permission: Permission): boolean =>
  actor.isAdmin || actor.permissions === 'all' || actor.permissions.has(permission)

/** Who acts: a kehu user, through the web, the API or the CLI. */
export interface Actor {
  userId: string
  login: string
  /** What the audit log records, e.g. `admin` or `cli:alice`. */
  label: string
  isAdmin: boolean
  permissions: ReadonlySet<Permission> | 'all'
  /** The customers they may see in the tenant they act in (data scopes); absent: every customer. */
  visibility?: Visibility
}

/** Throws `forbidden` unless the actor holds the permission. Until sign-in lands every actor is the administrator. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (can(actor, permission)) return
  const label = PERMISSION_LABELS[permission]
  throw new AppError(
    'forbidden',
    'ACCESS_DENIED',
    text(`没有权限：${label.zh}（${permission}）`, `Not allowed: ${label.en} (${permission})`),
    {
      details: { permission },
    },
  )
}
