import {
  CreateRoleInput,
  createRole,
  deleteRole,
  listPermissions,
  listRoles,
  type RoleView,
  roleView,
  UpdateRoleInput,
  updateRole,
} from '@kehu/app'
import { pick } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { inTenant, jsonOpt, parseOptions } from '../shared.js'

// `--permission a,b --permission c` → [a, b, c]
const collect = (v: string, prev: string[] = []) => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
]

function printRoles(io: Io, roles: RoleView[], json: boolean | undefined) {
  if (json) return io.out(JSON.stringify(roles, null, 2))
  io.out(
    table(
      roles.map((r) => ({
        code: r.code,
        name: r.name,
        builtIn: r.builtIn ? say(io, '内置', 'built-in') : '',
        permissions: r.permissions.join(','),
      })),
      ['code', 'name', 'builtIn', 'permissions'],
    ),
  )
}

export function registerRoleCommands(program: Command, io: Io) {
  const role = program
    .command('role')
    .description(say(io, '账套的角色：内置角色与由权限组成的自定义角色', "the tenant's roles: built-in and custom"))
  const permissionOpt = [
    '--permission <keys>',
    say(
      io,
      '权限，逗号分隔，可重复（见 kehu role permissions）',
      'permissions, comma separated, repeatable (see kehu role permissions)',
    ),
    collect,
  ] as const

  role
    .command('permissions')
    .description(say(io, '列出所有权限及其说明', 'list every permission with its label'))
    .option(...jsonOpt(io))
    .action((opts: { json?: boolean }) => {
      const items = listPermissions()
      if (opts.json) return io.out(JSON.stringify(items, null, 2))
      io.out(
        table(
          items.map((p) => ({ key: p.key, label: pick(p.label, io.lang) })),
          ['key', 'label'],
        ),
      )
    })

  role
    .command('list')
    .description(say(io, '列出账套的角色及其权限', "list the tenant's roles with their permissions"))
    .option(...jsonOpt(io))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const roles = await inTenant(cmd, (rt, tenant) => listRoles(rt.ctx(tenant)))
      printRoles(io, roles.map(roleView), opts.json)
    })

  role
    .command('create <name>')
    .description(
      say(
        io,
        '新建自定义角色，如 kehu role create 区域经理 --code region-mgr --permission customer:read,customer:edit',
        'create a custom role, e.g. kehu role create 区域经理 --code region-mgr --permission customer:read,customer:edit',
      ),
    )
    .requiredOption('--code <code>', say(io, '角色编码', 'role code'))
    .option(...permissionOpt)
    .option(...jsonOpt(io))
    .action(async (name: string, opts: { code: string; permission?: string[]; json?: boolean }, cmd: Command) => {
      const input = parseOptions(CreateRoleInput, { code: opts.code, name, permissions: opts.permission ?? [] })
      printRoles(io, [await inTenant(cmd, (rt, tenant) => createRole(rt.ctx(tenant), input))], opts.json)
    })

  role
    .command('update <code>')
    .description(
      say(
        io,
        '修改自定义角色的名称或权限（--permission 给出完整的新权限）',
        "change a custom role's name or permissions (--permission gives the whole new list)",
      ),
    )
    .option('--name <name>', say(io, '新名称', 'new name'))
    .option(...permissionOpt)
    .option(...jsonOpt(io))
    .action(async (code: string, opts: { name?: string; permission?: string[]; json?: boolean }, cmd: Command) => {
      const input = parseOptions(UpdateRoleInput, {
        ...(opts.name !== undefined ? { name: opts.name } : {}),
        ...(opts.permission !== undefined ? { permissions: opts.permission } : {}),
      })
      printRoles(io, [await inTenant(cmd, (rt, tenant) => updateRole(rt.ctx(tenant), code, input))], opts.json)
    })

  role
    .command('delete <code>')
    .description(say(io, '删除没有成员的自定义角色', 'delete a custom role no member holds'))
    .action(async (code: string, _opts: unknown, cmd: Command) => {
      await inTenant(cmd, (rt, tenant) => deleteRole(rt.ctx(tenant), code))
      io.out(say(io, `已删除角色 ${code}`, `Deleted role ${code}`))
    })
}
