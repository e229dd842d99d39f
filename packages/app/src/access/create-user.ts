import {
  assertCan,
  assertNoIssues,
  conflict,
  loginIssues,
  normalizeLogin,
  parseInput,
  passwordIssues,
  text,
} from '@kehu/core'
import { z } from 'zod'
import type { ActorContext } from '../context.js'
import { accessEvent } from './access-event.js'
import { hashPassword } from './secrets.js'
import { type UserView, userView } from './users.js'

export const CreateUserInput = z.object({
  login: z.string().max(64),
  displayName: z.string().max(100).optional(),
  admin: z.boolean().optional(),
  password: z.string().max(200).optional(),
})
export type CreateUserInput = z.infer<typeof CreateUserInput>

/** Creates a user (a global administrator with `admin`), with a password or without one (cannot sign in yet). */
export async function createUser({ deps, actor }: ActorContext, given: CreateUserInput): Promise<UserView> {
  assertCan(actor, 'admin')
  const input = parseInput(CreateUserInput, given, 'USER_INVALID', text('用户信息有误', 'The user is not valid'))
  const login = normalizeLogin(input.login)
  const issues = loginIssues(login)
  if (input.password !== undefined) issues.push(...passwordIssues(input.password, login))
  assertNoIssues(issues, 'USER_INVALID', text('用户信息有误', 'The user is not valid'))
  const hash = input.password === undefined ? null : await hashPassword(input.password)
  return deps.store.transaction(async (tx) => {
    if (await tx.users.byLogin(login))
      throw conflict('USER_EXISTS', text(`登录名 ${login} 已被使用`, `The login ${login} is taken`), { login })
    const user = {
      id: deps.ids.next(),
      login,
      displayName: input.displayName?.trim() || login,
      isAdmin: input.admin ?? false,
      enabled: true,
      createdAt: deps.clock.now().toISOString(),
    }
    await tx.users.insert(user)
    if (hash) await tx.users.setPassword(user.id, hash)
    await tx.accessLog.append(
      accessEvent(deps, actor.label, 'user.created', { login, userId: user.id }, { admin: user.isAdmin }),
    )
    return userView(tx, user)
  })
}
