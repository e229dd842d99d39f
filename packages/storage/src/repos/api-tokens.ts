import type { ApiTokenRepo } from '@kehu/core'
import { apiTokenOf, apiTokenRow } from '../rows/identity.js'
import { allRows, isUuid, oneRow, type Q } from './query.js'

/** API tokens, found by the SHA-256 of the secret. */
export function apiTokens(q: Q): ApiTokenRepo {
  return {
    insert: async (t, secretHash) => {
      await q.insertInto('api_token').values(apiTokenRow(t, secretHash)).execute()
    },
    bySecretHash: (secretHash) => oneRow(q, 'api_token', { secret_hash: secretHash }, apiTokenOf),
    byId: async (id) => (isUuid(id) ? oneRow(q, 'api_token', { id }, apiTokenOf) : undefined),
    list: (userId) =>
      allRows(q, 'api_token', userId === undefined ? {} : { user_id: userId }, ['created_at', 'id'], apiTokenOf),
    touch: async (id, at) => {
      await q.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute()
    },
    revoke: async (id, at) => {
      await q.updateTable('api_token').set({ revoked_at: at }).where('id', '=', id).execute()
    },
  }
}
