import type { IdempotencyRecord } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { IdempotencyKeyTable } from '../schema.js'
import { json } from './values.js'

export const idempotencyOf = (r: Selectable<IdempotencyKeyTable>): IdempotencyRecord => ({
  tenantId: r.tenant_id,
  key: r.key,
  actor: r.actor,
  fingerprint: r.fingerprint,
  status: r.status as IdempotencyRecord['status'],
  response: json(r.response) ?? null,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
})

/** A claim holds no response yet; `complete` stores it. */
export const idempotencyRow = (rec: IdempotencyRecord): Insertable<IdempotencyKeyTable> => ({
  tenant_id: rec.tenantId,
  key: rec.key,
  actor: rec.actor,
  fingerprint: rec.fingerprint,
  status: rec.status,
  response: null,
  created_at: rec.createdAt,
  expires_at: rec.expiresAt,
})
