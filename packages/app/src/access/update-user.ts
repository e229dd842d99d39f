import { assertCan, assertNoIssues, invalid, parseInput, passwordIssues, text } from '@kehu/core'
import { z } from 'zod'
import type { ActorContext } from '../context.js'
import { accessEvent } from './access-event.js'
import { hashPassword } from './secrets.js'
import { type UserView, userByLogin, userView } from './users.js'

export const UpdateUserInput = z.object({
  displayName: z.string().max(100).optional(),
  admin: z.boolean().optional(),
  enabled: z.boolean().optional(),
  /** An administrator's reset: the user's sessions end. */
  password: z.string().max(200).optional(),
})
export type UpdateUserInput = z.infer<typeof UpdateUserInput>

/**
 * Changes a user's name, administrator flag, enabled state or password (an administrator's reset). Disabling
 * or a new password ends the user's sessions; a disabled user's tokens stop working.
 */
export async function updateUser(
  { deps, actor }: ActorContext,
  login: string,
  given: UpdateUserInput,
): Promise<UserView> {
  assertCan(actor, 'admin')
  const input = parseInput(UpdateUserInput, given, 'USER_INVALID', text('用户信息有误', 'The user is not valid'))
  const hash = input.password === undefined ? undefined : await newHash(input.password, login)
  return deps.store.transaction(async (tx) => {
    const before = await userByLogin(tx, login)
    if (before.id === actor.userId && (input.enabled === false || input.admin === false))
      throw invalid(
        'USER_SELF_LOCKOUT',
        text('不能停用自己或取消自己的管理员身份', 'You cannot disable yourself or remove your own administrator role'),
      )
    const after = {
      ...before,
      displayName: input.displayName?.trim() || before.displayName,
      isAdmin: input.admin ?? before.isAdmin,
      enabled: input.enabled ?? before.enabled,
    }
    await tx.users.update(after)
    const now = deps.clock.now().toISOString()
    if (hash) await tx.users.setPassword(after.id, hash)
    const ended = hash || !after.enabled ? await tx.sessions.revokeForUser(after.id, now) : 0
    const changed = Object.fromEntries(
      (['displayName', 'isAdmin', 'enabled'] as const)
        .filter((k) => before[k] !== after[k])
        .map((k) => [k, { before: before[k], after: after[k] }]),
    )
    const action = before.enabled && !after.enabled ? 'user.disabled' : 'user.updated'
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        action,
        { login: after.login, userId: after.id },
        {
          changed,
          passwordReset: Boolean(hash),
          sessionsEnded: ended,
        },
      ),
    )
    return userView(tx, after)
  })
}

async function newHash(password: string, login: string) {
  assertNoIssues(passwordIssues(password, login), 'USER_INVALID', text('用户信息有误', 'The user is not valid'))
  return hashPassword(password)
}
