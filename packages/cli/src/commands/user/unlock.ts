import { unlockSignIn } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'

export function registerUserUnlock(parent: Command, io: Io) {
  parent
    .command('unlock <login>')
    .description(
      say(
        io,
        '提前解除登录锁定（连续失败后的 15 分钟锁定）；记入审计日志',
        'end a sign-in lock early (the 15 minutes after repeated failures); written to the audit log',
      ),
    )
    .action(async (login: string, _opts: unknown, cmd: Command) => {
      const r = await withRuntime(cmd, (rt) => unlockSignIn(rt.base, login))
      io.out(
        r.wasLocked
          ? say(io, `已解除 ${r.login} 的登录锁定`, `Ended the sign-in lock of ${r.login}`)
          : say(
              io,
              `${r.login} 未被锁定（近 15 分钟失败 ${r.failuresCleared} 次，已清零）`,
              `${r.login} was not locked (${r.failuresCleared} recent failures, no longer counted)`,
            ),
      )
    })
}
