import { assertNoIssues, conflict, loginIssues, normalizeLogin, parseInput, passwordIssues, text } from '@kehu/core'
import { z } from 'zod'
import type { Deps } from '../deps.js'
import { accessEvent } from './access-event.js'
import { hashPassword } from './secrets.js'
import { type SignedIn, type SignInFrom, signIn } from './sign-in.js'

export const SetUpInput = z.object({
  login: z.string().max(64),
  displayName: z.string().max(100).optional(),
  password: z.string().max(200),
})
export type SetUpInput = z.infer<typeof SetUpInput>

/** Whether sign-in is in force: some enabled user has a password (docs/decisions/0023-identity-sign-in-and-sessions.md). */
export const signInInForce = (deps: Deps) => deps.store.read((tx) => tx.users.anyWithPassword())

/**
 * Creates the first administrator with a password and signs them in; refused once any user has a password,
 * so the set-up page cannot be used twice. The edge allows it from loopback only.
 */
export async function setUpFirstAdmin(deps: Deps, given: SetUpInput, from: SignInFrom): Promise<SignedIn> {
  const input = parseInput(SetUpInput, given, 'USER_INVALID', text('用户信息有误', 'The user is not valid'))
  const login = normalizeLogin(input.login)
  const issues = [...loginIssues(login), ...passwordIssues(input.password, login)]
  assertNoIssues(issues, 'USER_INVALID', text('用户信息有误', 'The user is not valid'))
  const hash = await hashPassword(input.password)
  await deps.store.transaction(async (tx) => {
    if (await tx.users.anyWithPassword())
      throw conflict(
        'SETUP_DONE',
        text('已经设置过管理员，请登录', 'An administrator is set up already: please sign in'),
      )
    const existing = await tx.users.byLogin(login)
    const user = existing ?? {
      id: deps.ids.next(),
      login,
      displayName: input.displayName?.trim() || login,
      isAdmin: true,
      enabled: true,
      createdAt: deps.clock.now().toISOString(),
    }
    if (existing) await tx.users.update({ ...existing, isAdmin: true, enabled: true })
    else await tx.users.insert(user)
    await tx.users.setPassword(user.id, hash)
    await tx.accessLog.append(
      accessEvent(deps, `setup:${from.address ?? 'local'}`, 'user.set-up', {
        login,
        userId: user.id,
        address: from.address,
      }),
    )
  })
  return signIn(deps, { login, password: input.password }, from)
}
