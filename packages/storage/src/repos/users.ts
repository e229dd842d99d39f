import type { UserRepo } from '@kehu/core'
import { userOf, userRow } from '../rows/user.js'
import { b } from '../rows/values.js'
import { allRows, oneRow, type Q } from './query.js'

/** Users are global: one login may work in several tenants. */
export function users(q: Q): UserRepo {
  return {
    byId: (id) => oneRow(q, 'app_user', { id }, userOf),
    byLogin: (login) => oneRow(q, 'app_user', { login }, userOf),
    list: () => allRows(q, 'app_user', {}, ['login'], userOf),
    insert: async (u) => {
      await q.insertInto('app_user').values(userRow(u)).execute()
    },
    update: async (u) => {
      await q
        .updateTable('app_user')
        .set({ display_name: u.displayName, is_admin: b(u.isAdmin), enabled: b(u.enabled) })
        .where('id', '=', u.id)
        .execute()
    },
    passwordHash: async (id) =>
      (await q.selectFrom('app_user').select('password_hash').where('id', '=', id).executeTakeFirst())?.password_hash,
    setPassword: async (id, hash) => {
      await q.updateTable('app_user').set({ password_hash: hash }).where('id', '=', id).execute()
    },
    anyWithPassword: async () =>
      (await q
        .selectFrom('app_user')
        .select('id')
        .where('password_hash', 'is not', null)
        .where('enabled', '=', b(true))
        .limit(1)
        .executeTakeFirst()) !== undefined,
  }
}
