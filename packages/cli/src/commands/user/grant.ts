import { grantRole, revokeRole } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant } from '../shared.js'

export function registerUserGrant(parent: Command, io: Io) {
  for (const [verb, run, zh, en] of [
    [
      'grant',
      grantRole,
      '在账套中授予用户角色（--role 管理员|建档员|业务员|只读 或角色编码）',
      'give a user a role in the tenant (--role 管理员|建档员|业务员|只读 or a role code)',
    ],
    ['revoke', revokeRole, '收回用户在账套中的角色', "take a user's role in the tenant away"],
  ] as const)
    parent
      .command(`${verb} <login>`)
      .description(say(io, zh, en))
      .requiredOption('--role <role>', say(io, '角色名称或编码', 'role name or code'))
      .action(async (login: string, opts: { role: string }, cmd: Command) => {
        const user = await inTenant(cmd, (rt, tenant) => run(rt.ctx(tenant), { login, role: opts.role }))
        io.out(
          `${user.login}: ${user.roles.map((r) => `${r.tenant}:${r.role}`).join(' ') || say(io, '（无角色）', '(no roles)')}`,
        )
      })
}
