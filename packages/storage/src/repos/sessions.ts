import type { SessionRepo } from '@kehu/core'
import { sessionOf, sessionRow } from '../rows/identity.js'
import { isUuid, oneRow, type Q } from './query.js'

/** Browser sessions, found by the SHA-256 of the cookie's secret. */
export function sessions(q: Q): SessionRepo {
  return {
    insert: async (s, secretHash) => {
      await q.insertInto('user_session').values(sessionRow(s, secretHash)).execute()
    },
    bySecretHash: (secretHash) => oneRow(q, 'user_session', { secret_hash: secretHash }, sessionOf),
    byId: async (id) => (isUuid(id) ? oneRow(q, 'user_session', { id }, sessionOf) : undefined),
    listLive: async (now, userId) => {
      let query = q
        .selectFrom('user_session')
        .selectAll()
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at')
      if (userId !== undefined) query = query.where('user_id', '=', userId)
      return (await query.execute()).map(sessionOf)
    },
    touch: async (id, at) => {
      await q.updateTable('user_session').set({ last_seen_at: at }).where('id', '=', id).execute()
    },
    revoke: async (id, at) => {
      await q.updateTable('user_session').set({ revoked_at: at }).where('id', '=', id).execute()
    },
    revokeForUser: async (userId, at) => {
      const r = await q
        .updateTable('user_session')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return Number(r.numUpdatedRows)
    },
  }
}
