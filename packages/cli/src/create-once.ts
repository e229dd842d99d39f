import { randomUUID } from 'node:crypto'
import type { CreateCustomerResult } from '@kehu/app'
import { isAppError } from '@kehu/core'

export interface CreateOnceOptions {
  /** The caller's key; without one a new key is made for this create and kept across its retries. */
  idempotencyKey?: string | undefined
  attempts?: number
  waitMs?: number
}

/**
 * Creates with an idempotency key and tries again, with the same key, when the database was busy or the
 * connection dropped: whether or not the first try committed, the customer exists once and the retry
 * returns it (issue 15.4: no silent duplicate after a lost reply).
 */
export async function createOnce(
  create: (idempotencyKey: string) => Promise<CreateCustomerResult>,
  o: CreateOnceOptions = {},
): Promise<CreateCustomerResult & { idempotencyKey: string }> {
  const idempotencyKey = o.idempotencyKey?.trim() || randomUUID()
  const attempts = o.attempts ?? 3
  for (let i = 1; ; i++) {
    try {
      return { ...(await create(idempotencyKey)), idempotencyKey }
    } catch (e) {
      if (i >= attempts || !isAppError(e) || e.kind !== 'unavailable') throw e
      await new Promise((r) => setTimeout(r, (o.waitMs ?? 200) * i))
    }
  }
}
