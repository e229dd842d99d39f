import {
  AppError,
  assertCan,
  assertNoIssues,
  can,
  conflict,
  type Issue,
  isBuiltInRole,
  isPermission,
  issue,
  notFound,
  PERMISSION_LABELS,
  PERMISSIONS,
  type Permission,
  parseInput,
  permissionsOf,
  type Role,
  type Text,
  type Tx,
  text,
} from '@kehu/core'
import { z } from 'zod'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { accessEvent } from './access-event.js'

/** A role as the API and the CLI show it: a built-in role's permissions are the code's. */
export interface RoleView {
  code: string
  name: string
  builtIn: boolean
  permissions: Permission[]
}

export const roleView = (r: Role): RoleView => ({
  code: r.code,
  name: r.name,
  builtIn: r.builtIn,
  // In the order of PERMISSIONS, so a list reads the same however it was given.
  permissions: PERMISSIONS.filter((p) => permissionsOf(r).includes(p)),
})

/** Every permission with its label, in order: what a role editor offers. */
export const listPermissions = (): { key: Permission; label: Text }[] =>
  PERMISSIONS.map((key) => ({ key, label: PERMISSION_LABELS[key] }))

export const CreateRoleInput = z.object({
  code: z.string().max(100),
  name: z.string().max(200),
  permissions: z.array(z.string().max(100)).max(100),
})
export type CreateRoleInput = z.infer<typeof CreateRoleInput>

export const UpdateRoleInput = z
  .object({ name: z.string().max(200).optional(), permissions: z.array(z.string().max(100)).max(100).optional() })
  .strict()
export type UpdateRoleInput = z.infer<typeof UpdateRoleInput>

const INVALID = text('角色信息有误', 'The role is not valid')

/** Creates a custom role of the tenant from permissions the caller holds; written to the access log. */
export async function createRole(ctx: RequestContext, given: CreateRoleInput): Promise<RoleView> {
  const { deps, actor } = ctx
  assertCan(actor, 'tenant:admin')
  const input = parseInput(CreateRoleInput, given, 'ROLE_INVALID', INVALID)
  const code = input.code.trim()
  const issues: Issue[] = []
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/.test(code))
    issues.push(
      issue(
        ['code'],
        'ROLE_CODE_FORMAT',
        text(
          '角色编码须为 1–32 个字母、数字、_ 或 -，以字母或数字开头',
          'A role code is 1–32 letters, digits, _ or -, starting with a letter or digit',
        ),
      ),
    )
  const name = nameOf(input.name, issues)
  const permissions = permissionsFrom(ctx, input.permissions, issues)
  assertNoIssues(issues, 'ROLE_INVALID', INVALID)
  return deps.store.transaction(async (tx) => {
    const t = await resolveTenant(tx, ctx.tenant)
    const roles = await tx.roles.list(t.id)
    if (isBuiltInRole(code) || roles.some((r) => r.code.toLowerCase() === code.toLowerCase()))
      throw taken('code', text(`角色编码 ${code} 已被使用`, `The role code ${code} is taken`))
    assertNameFree(roles, name)
    const role: Role = {
      tenantId: t.id,
      code,
      name,
      permissions,
      builtIn: false,
      createdAt: deps.clock.now().toISOString(),
    }
    await tx.roles.insert(role)
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        'role.created',
        { tenantId: t.id },
        { tenant: t.code, role: code, name, permissions },
      ),
    )
    return roleView(role)
  })
}

/** Renames a custom role or changes its permissions (its holders gain or lose them at once); built-in roles stay. */
export async function updateRole(ctx: RequestContext, code: string, given: UpdateRoleInput): Promise<RoleView> {
  const { deps, actor } = ctx
  assertCan(actor, 'tenant:admin')
  const input = parseInput(UpdateRoleInput, given, 'ROLE_INVALID', INVALID)
  const issues: Issue[] = []
  const name = input.name === undefined ? undefined : nameOf(input.name, issues)
  const permissions = input.permissions === undefined ? undefined : permissionsFrom(ctx, input.permissions, issues)
  assertNoIssues(issues, 'ROLE_INVALID', INVALID)
  return deps.store.transaction(async (tx) => {
    const t = await resolveTenant(tx, ctx.tenant)
    const before = await customRole(tx, t.id, code)
    if (name !== undefined && name !== before.name) assertNameFree(await tx.roles.list(t.id), name)
    const after: Role = { ...before, name: name ?? before.name, permissions: permissions ?? before.permissions }
    await tx.roles.update(after)
    const changed = Object.fromEntries(
      (['name', 'permissions'] as const)
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
        .map((k) => [k, { before: before[k], after: after[k] }]),
    )
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        'role.updated',
        { tenantId: t.id },
        { tenant: t.code, role: before.code, changed },
      ),
    )
    return roleView(after)
  })
}

/** Deletes a custom role that no member holds. */
export async function deleteRole(ctx: RequestContext, code: string): Promise<void> {
  const { deps, actor } = ctx
  assertCan(actor, 'tenant:admin')
  await deps.store.transaction(async (tx) => {
    const t = await resolveTenant(tx, ctx.tenant)
    const role = await customRole(tx, t.id, code)
    const holders = await tx.memberships.countHolders(t.id, role.code)
    if (holders > 0)
      throw conflict(
        'ROLE_IN_USE',
        text(
          `角色 ${role.name} 仍有 ${holders} 位成员，不能删除；请先取消他们的这个角色`,
          `The role ${role.name} still has ${holders} member(s) and cannot be deleted; take it from them first`,
        ),
        { role: role.code, members: holders },
      )
    await tx.roles.delete(t.id, role.code)
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        'role.deleted',
        { tenantId: t.id },
        {
          tenant: t.code,
          role: role.code,
          name: role.name,
          permissions: role.permissions,
        },
      ),
    )
  })
}

function nameOf(raw: string, issues: Issue[]): string {
  const name = raw.normalize('NFKC').trim()
  if (name.length < 1 || name.length > 50)
    issues.push(
      issue(['name'], 'ROLE_NAME_LENGTH', text('角色名称须为 1–50 个字符', 'A role name has 1–50 characters')),
    )
  return name
}

// Only known permissions, none the caller lacks (no one hands out more than they hold), and never the global
// administrator's `admin`, which belongs to users, not to a tenant's roles.
function permissionsFrom({ actor }: RequestContext, given: string[], issues: Issue[]): Permission[] {
  const out = new Set<Permission>()
  given.forEach((raw, i) => {
    const p = raw.trim()
    if (!isPermission(p))
      issues.push(
        issue(['permissions', i], 'ROLE_PERMISSION_UNKNOWN', text(`权限 ${p} 不存在`, `Unknown permission ${p}`)),
      )
    else if (p === 'admin')
      issues.push(
        issue(
          ['permissions', i],
          'ROLE_PERMISSION_ADMIN',
          text(
            '系统管理权限不能放进角色；请把用户设为系统管理员',
            'System administration cannot be part of a role; make the user an administrator instead',
          ),
        ),
      )
    else if (!can(actor, p))
      issues.push(
        issue(
          ['permissions', i],
          'ROLE_PERMISSION_NOT_HELD',
          text(
            `不能授予自己没有的权限：${PERMISSION_LABELS[p].zh}`,
            `You cannot grant a permission you do not hold: ${PERMISSION_LABELS[p].en}`,
          ),
        ),
      )
    else out.add(p)
  })
  return PERMISSIONS.filter((p) => out.has(p))
}

const taken = (field: string, message: Text) =>
  new AppError('conflict', 'ROLE_TAKEN', message, { issues: [issue([field], 'ROLE_TAKEN', message)] })

function assertNameFree(roles: Role[], name: string) {
  if (roles.some((r) => r.name === name || r.code === name))
    throw taken('name', text(`角色名称 ${name} 已被使用`, `The role name ${name} is taken`))
}

async function customRole(tx: Tx, tenantId: string, code: string): Promise<Role> {
  const role = await tx.roles.byCode(tenantId, code.trim())
  if (!role)
    throw notFound('ROLE_NOT_FOUND', text(`角色 ${code} 不存在`, `Role ${code} does not exist`), { role: code })
  if (role.builtIn)
    throw conflict(
      'ROLE_BUILT_IN',
      text(
        `内置角色 ${role.name} 不能修改或删除；可以新建一个自定义角色`,
        `The built-in role ${role.name} cannot be changed or deleted; create a custom role instead`,
      ),
      { role: role.code },
    )
  return role
}
