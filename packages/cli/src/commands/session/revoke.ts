import { revokeSession } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'

export function registerSessionRevoke(parent: Command, io: Io) {
  parent
    .command('revoke <id>')
    .description(
      say(io, '结束一个登录会话（该浏览器需重新登录）', 'end a sign-in session (that browser must sign in again)'),
    )
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withRuntime(cmd, (rt) => revokeSession(rt.base, id))
      io.out(say(io, `已结束会话 ${id}`, `Ended session ${id}`))
    })
}
