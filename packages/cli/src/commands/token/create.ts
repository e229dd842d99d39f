import { createApiToken } from '@kehu/app'
import { PERMISSIONS, type Permission } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

/** `90d` → that many days from now; `never` → no end; anything else is a date or time for the use case to check. */
export function expiryOf(value: string | undefined, now = new Date()): string | null | undefined {
  if (value === undefined) return undefined
  if (value === 'never') return null
  const days = /^(\d{1,5})d$/.exec(value)?.[1]
  return days === undefined ? value : new Date(now.getTime() + Number(days) * 86_400_000).toISOString()
}

export function registerTokenCreate(parent: Command, io: Io) {
  parent
    .command('create <name>')
    .description(
      say(
        io,
        '创建 API 令牌（Authorization: Bearer …）；令牌只显示这一次',
        'create an API token (Authorization: Bearer …); the token is shown this once only',
      ),
    )
    .requiredOption('--user <login>', say(io, '令牌代表的用户', 'the user the token acts for'))
    .option(
      '--scope <permission>',
      say(
        io,
        `令牌可用的权限（可重复；默认为该用户的全部权限）：${PERMISSIONS.join(' ')}`,
        `a permission the token may use (repeatable; default all of the user's): ${PERMISSIONS.join(' ')}`,
      ),
      (v: string, all: string[] = []) => [...all, ...v.split(',').map((s) => s.trim())],
    )
    .option(
      '--expires <when>',
      say(
        io,
        '有效期：90d、日期 2027-01-01 或 never（默认 90 天）',
        'expiry: 90d, a date 2027-01-01 or never (default 90 days)',
      ),
    )
    .option(...jsonOpt(io))
    .action(
      async (
        name: string,
        opts: { user: string; scope?: string[]; expires?: string; json?: boolean },
        cmd: Command,
      ) => {
        const expiresAt = expiryOf(opts.expires)
        const token = await withRuntime(cmd, (rt) =>
          createApiToken(rt.base, {
            name,
            login: opts.user,
            ...(opts.scope ? { scopes: opts.scope as Permission[] } : {}),
            ...(expiresAt === undefined ? {} : { expiresAt }),
          }),
        )
        if (opts.json) return io.out(JSON.stringify(token, null, 2))
        io.out(token.secret)
        io.err(
          say(
            io,
            `已为 ${token.login} 创建令牌 ${token.name}（编号 ${token.id}，有效期至 ${token.expiresAt ?? '永久'}）。令牌只显示这一次，请妥善保存。`,
            `Created token ${token.name} for ${token.login} (id ${token.id}, valid until ${token.expiresAt ?? 'never'}). It is shown this once only: keep it safe.`,
          ),
        )
      },
    )
}
