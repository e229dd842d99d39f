import { updateUser } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { passwordStdinOpt, printUsers, readPassword } from './shared.js'

export function registerUserUpdate(parent: Command, io: Io) {
  parent
    .command('update <login>')
    .description(
      say(
        io,
        '修改用户的姓名、管理员身份、启用状态或密码（重设密码会结束其全部会话）',
        "change a user's name, administrator flag, enabled state or password (a reset ends their sessions)",
      ),
    )
    .option('--name <name>', say(io, '姓名', 'full name'))
    .option('--admin', say(io, '设为系统管理员', 'make an administrator'))
    .option('--no-admin', say(io, '取消系统管理员', 'no longer an administrator'))
    .option('--enable', say(io, '启用', 'enable'))
    .option(...passwordStdinOpt(io))
    .option(...jsonOpt(io))
    .action(
      async (
        login: string,
        opts: { name?: string; admin?: boolean; enable?: boolean; passwordStdin?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const password = opts.passwordStdin ? await readPassword(io) : undefined
        const user = await withRuntime(cmd, (rt) =>
          updateUser(rt.base, login, {
            ...(opts.name ? { displayName: opts.name } : {}),
            ...(opts.admin === undefined ? {} : { admin: opts.admin }),
            ...(opts.enable ? { enabled: true } : {}),
            ...(password ? { password } : {}),
          }),
        )
        if (opts.json) return printUsers(io, [user], true)
        io.out(say(io, `已修改用户 ${user.login}`, `Changed user ${user.login}`))
      },
    )
}
