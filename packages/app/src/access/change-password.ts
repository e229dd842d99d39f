import { type Actor, assertNoIssues, invalid, issue, parseInput, passwordIssues, text } from '@kehu/core'
import { z } from 'zod'
import type { Deps } from '../deps.js'
import { accessEvent } from './access-event.js'
import { hashPassword, verifyPassword } from './secrets.js'

export const ChangePasswordInput = z.object({ current: z.string().max(200), next: z.string().max(200) })
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>

/**
 * A signed-in user changes their own password, giving the current one; every other session of theirs ends
 * (`keepSessionId`, the one asking, stays).
 */
export async function changeOwnPassword(
  deps: Deps,
  actor: Actor,
  given: ChangePasswordInput,
  keepSessionId?: string,
): Promise<void> {
  const input = parseInput(ChangePasswordInput, given)
  assertNoIssues(
    passwordIssues(input.next, actor.login, ['next']),
    'USER_INVALID',
    text('新密码不符合要求', 'The new password is not valid'),
  )
  const stored = await deps.store.read((tx) => tx.users.passwordHash(actor.userId))
  if (!stored || !(await verifyPassword(input.current, stored)))
    throw invalid('PASSWORD_WRONG', text('当前密码不正确', 'The current password is wrong'), [
      issue(['current'], 'PASSWORD_WRONG', text('当前密码不正确', 'The current password is wrong')),
    ])
  const hash = await hashPassword(input.next)
  await deps.store.transaction(async (tx) => {
    await tx.users.setPassword(actor.userId, hash)
    const now = deps.clock.now().toISOString()
    const others = (await tx.sessions.listLive(now, actor.userId)).filter((s) => s.id !== keepSessionId)
    for (const s of others) await tx.sessions.revoke(s.id, now)
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        'user.password-changed',
        { login: actor.login, userId: actor.userId },
        {
          sessionsEnded: others.length,
        },
      ),
    )
  })
}
