import { assertCan } from '@kehu/core'
import type { ActorContext } from '../context.js'
import { type UserView, userView } from './users.js'

/** Every user, by login. */
export async function listUsers({ deps, actor }: ActorContext): Promise<UserView[]> {
  assertCan(actor, 'admin')
  return deps.store.read(async (tx) => Promise.all((await tx.users.list()).map((u) => userView(tx, u))))
}
