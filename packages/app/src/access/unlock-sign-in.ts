import { assertCan } from '@kehu/core'
import type { ActorContext } from '../context.js'
import { accessEvent } from './access-event.js'
import { loginFailures, SIGN_IN_LIMITS } from './sign-in.js'
import { userByLogin } from './users.js'

export interface Unlocked {
  login: string
  /** Whether the login was locked (so the unlock changed anything). */
  wasLocked: boolean
  /** The failed sign-ins of the window that no longer count. */
  failuresCleared: number
}

/**
 * Ends a login's sign-in lock early (administrators): its failed sign-ins so far stop counting. Recorded in the
 * access log whether or not it was locked. Failures counted against the client's address are not touched.
 */
export async function unlockSignIn({ deps, actor }: ActorContext, login: string): Promise<Unlocked> {
  assertCan(actor, 'admin')
  return deps.store.transaction(async (tx) => {
    const user = await userByLogin(tx, login)
    const since = new Date(deps.clock.now().getTime() - SIGN_IN_LIMITS.windowMs).toISOString()
    const failures = await loginFailures(tx, user.login, since)
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        'sign-in.unlocked',
        { login: user.login, userId: user.id },
        { failuresCleared: failures },
      ),
    )
    return { login: user.login, wasLocked: failures >= SIGN_IN_LIMITS.perLogin, failuresCleared: failures }
  })
}
