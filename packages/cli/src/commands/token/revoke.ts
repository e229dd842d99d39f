import { revokeApiToken } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'

export function registerTokenRevoke(parent: Command, io: Io) {
  parent
    .command('revoke <id>')
    .description(say(io, '撤销 API 令牌，立即失效', 'revoke an API token: it stops working at once'))
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withRuntime(cmd, (rt) => revokeApiToken(rt.base, id))
      io.out(say(io, `已撤销令牌 ${id}`, `Revoked token ${id}`))
    })
}
