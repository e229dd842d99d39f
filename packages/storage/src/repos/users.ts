import type { UserRepo } from '@kehu/core'
import { userOf, userRow } from '../rows/user.js'
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
  }
}
