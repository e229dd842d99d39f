import { createUser } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { passwordStdinOpt, printUsers, readPassword } from './shared.js'

export function registerUserCreate(parent: Command, io: Io) {
  parent
    .command('create <login>')
    .description(
      say(
        io,
        '创建用户；第一个带密码的管理员建好后，服务器要求登录：echo 密码 | kehu user create 登录名 --admin --password-stdin',
        'create a user; once an administrator has a password the server requires sign-in: echo PASSWORD | kehu user create LOGIN --admin --password-stdin',
      ),
    )
    .option('--name <name>', say(io, '姓名（默认：登录名）', 'full name (default: the login)'))
    .option('--admin', say(io, '系统管理员（全部账套、全部权限）', 'administrator (every tenant, every permission)'))
    .option(...passwordStdinOpt(io))
    .option(...jsonOpt(io))
    .action(
      async (
        login: string,
        opts: { name?: string; admin?: boolean; passwordStdin?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const password = opts.passwordStdin ? await readPassword(io) : undefined
        const user = await withRuntime(cmd, (rt) =>
          createUser(rt.base, {
            login,
            admin: opts.admin ?? false,
            ...(opts.name ? { displayName: opts.name } : {}),
            ...(password ? { password } : {}),
          }),
        )
        if (opts.json) return printUsers(io, [user], true)
        io.out(say(io, `已创建用户 ${user.login}`, `Created user ${user.login}`))
      },
    )
}
