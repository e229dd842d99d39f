import type { IdempotencyRepo } from '@kehu/core'
import { idempotencyOf, idempotencyRow } from '../rows/idempotency.js'
import { toJson } from '../rows/values.js'
import { oneRow, type Q } from './query.js'

/** Idempotency keys of creates; a claim is an insert that does nothing when the key is already there. */
export function idempotency(q: Q): IdempotencyRepo {
  return {
    claim: async (rec) => {
      const r = await q
        .insertInto('idempotency_key')
        .values(idempotencyRow(rec))
        .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst()
      if (r) return undefined
      const existing = await oneRow(q, 'idempotency_key', { tenant_id: rec.tenantId, key: rec.key }, idempotencyOf)
      if (!existing) throw new Error(`Idempotency key ${rec.key} neither inserted nor found`)
      return existing
    },
    complete: async (tenantId, key, response) => {
      await q
        .updateTable('idempotency_key')
        .set({ status: 'done', response: toJson(response) })
        .where('tenant_id', '=', tenantId)
        .where('key', '=', key)
        .execute()
    },
    purgeExpired: async (tenantId, now) => {
      await q.deleteFrom('idempotency_key').where('tenant_id', '=', tenantId).where('expires_at', '<', now).execute()
    },
  }
}
