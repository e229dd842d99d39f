import { updateUser } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'

export function registerUserDisable(parent: Command, io: Io) {
  parent
    .command('disable <login>')
    .description(
      say(io, '停用用户：结束其会话，其令牌失效', 'disable a user: their sessions end and their tokens stop working'),
    )
    .action(async (login: string, _opts: unknown, cmd: Command) => {
      const user = await withRuntime(cmd, (rt) => updateUser(rt.base, login, { enabled: false }))
      io.out(say(io, `已停用用户 ${user.login}`, `Disabled user ${user.login}`))
    })
}
