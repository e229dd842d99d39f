import { updateUser } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'
import { readPassword } from './shared.js'

export function registerUserPasswd(parent: Command, io: Io) {
  parent
    .command('passwd <login>')
    .description(
      say(
        io,
        '管理员重设密码（从标准输入读取第一行），结束该用户的全部会话',
        "an administrator's password reset (first line of standard input); ends the user's sessions",
      ),
    )
    .action(async (login: string, _opts: unknown, cmd: Command) => {
      const password = await readPassword(io)
      const user = await withRuntime(cmd, (rt) => updateUser(rt.base, login, { password }))
      io.out(say(io, `已重设 ${user.login} 的密码`, `Reset the password of ${user.login}`))
    })
}
