import { listSessions } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerSessionList(parent: Command, io: Io) {
  parent
    .command('list')
    .description(say(io, '列出有效的登录会话', 'list live sign-in sessions'))
    .option('--user <login>', say(io, '只列此用户的', "only this user's"))
    .option(...jsonOpt(io))
    .action(async (opts: { user?: string; json?: boolean }, cmd: Command) => {
      const sessions = await withRuntime(cmd, (rt) => listSessions(rt.base, opts.user))
      if (opts.json) return io.out(JSON.stringify(sessions, null, 2))
      io.out(
        table(
          sessions.map((s) => ({
            id: s.id,
            user: s.login,
            since: s.createdAt,
            lastSeen: s.lastSeenAt,
            address: s.address,
            browser: s.userAgent?.slice(0, 40),
          })),
          ['id', 'user', 'since', 'lastSeen', 'address', 'browser'],
        ),
      )
    })
}
