import { listApiTokens } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerTokenList(parent: Command, io: Io) {
  parent
    .command('list')
    .description(say(io, '列出 API 令牌（不含令牌本身）', 'list API tokens (never the tokens themselves)'))
    .option('--user <login>', say(io, '只列此用户的', "only this user's"))
    .option(...jsonOpt(io))
    .action(async (opts: { user?: string; json?: boolean }, cmd: Command) => {
      const tokens = await withRuntime(cmd, (rt) => listApiTokens(rt.base, opts.user))
      if (opts.json) return io.out(JSON.stringify(tokens, null, 2))
      io.out(
        table(
          tokens.map((t) => ({
            id: t.id,
            name: t.name,
            user: t.login,
            scopes: t.scopes.join(' ') || say(io, '（用户的全部权限）', "(all of the user's)"),
            expires: t.expiresAt ?? say(io, '永久', 'never'),
            lastUsed: t.lastUsedAt,
            revoked: t.revokedAt,
          })),
          ['id', 'name', 'user', 'scopes', 'expires', 'lastUsed', 'revoked'],
        ),
      )
    })
}
