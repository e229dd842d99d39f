import type { AccessLog } from '@kehu/core'
import { accessEventOf, accessEventRow } from '../rows/identity.js'
import { logPage } from './log-query.js'
import type { Q } from './query.js'

/** The global access log: append and read only (the database refuses updates and deletes). */
export function accessLog(q: Q): AccessLog {
  return {
    append: async (e) => {
      await q.insertInto('access_event').values(accessEventRow(e)).execute()
    },
    failuresSince: async (since, by) => {
      let query = q
        .selectFrom('access_event')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .where('action', '=', 'sign-in.failed')
        .where('at', '>=', since)
      query = 'login' in by ? query.where('login', '=', by.login) : query.where('address', '=', by.address)
      return Number((await query.executeTakeFirstOrThrow()).n)
    },
    list: async (limit, userId) => {
      let query = q.selectFrom('access_event').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit)
      if (userId !== undefined) query = query.where('user_id', '=', userId)
      return (await query.execute()).map(accessEventOf)
    },
    latest: async (action, login) => {
      const r = await q
        .selectFrom('access_event')
        .select((e) => e.fn.max('at').as('at'))
        .where('login', '=', login)
        .where('action', '=', action)
        .executeTakeFirst()
      return r?.at ?? undefined
    },
    search: async (about, query) => {
      const s = q
        .selectFrom('access_event')
        .selectAll()
        .where((e) => {
          const whom = about.tenantIds.length ? [e('tenant_id', 'in', about.tenantIds)] : []
          if (about.global) whom.push(e('tenant_id', 'is', null))
          return whom.length ? e.or(whom) : e.lit(false)
        })
      return (await logPage(s, query).execute()).map(accessEventOf)
    },
  }
}
