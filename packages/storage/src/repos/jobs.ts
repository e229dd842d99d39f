import type { JobRepo } from '@kehu/core'
import { type Selectable, sql } from 'kysely'
import type { DialectKind } from '../connect.js'
import { jobOf, jobRow } from '../rows/job.js'
import { b, bool, toJson } from '../rows/values.js'
import type { JobTable } from '../schema.js'
import { isUuid, oneRow, type Q } from './query.js'

const OPEN = ['queued', 'running']

/**
 * Jobs. A claim is one conditional `UPDATE … RETURNING` whose subselect picks the oldest claimable job;
 * PostgreSQL locks that row `FOR UPDATE SKIP LOCKED`, so two runners never pick the same one, and SQLite has
 * one writer at a time anyway. Every later write names the holder and changes nothing once another holds it.
 */
export function jobs(q: Q, kind: DialectKind): JobRepo {
  const held = (tenantId: string, id: string, owner: string) =>
    q
      .updateTable('job')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'running')
  return {
    insert: async (job) => {
      await q.insertInto('job').values(jobRow(job)).execute()
    },
    byId: async (tenantId, id) => (isUuid(id) ? oneRow(q, 'job', { tenant_id: tenantId, id }, jobOf) : undefined),
    list: async (tenantId, jq) => {
      let query = q.selectFrom('job').selectAll().where('tenant_id', '=', tenantId)
      if (jq.createdBy !== undefined) query = query.where('created_by', '=', jq.createdBy)
      if (jq.kind !== undefined) query = query.where('kind', '=', jq.kind)
      if (jq.status?.length) query = query.where('status', 'in', [...jq.status])
      const before = jq.before
      if (before)
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', before.createdAt),
            eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
          ]),
        )
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(jq.limit).execute()
      return rows.map(jobOf)
    },
    unfinished: async (tenantId, jobKind, resumeKey) => {
      const r = await q
        .selectFrom('job')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('kind', '=', jobKind)
        .where('resume_key', '=', resumeKey)
        .where('status', 'in', OPEN)
        .orderBy('created_at', 'desc')
        .executeTakeFirst()
      return r && jobOf(r)
    },
    claim: async (kinds, owner, now, leaseUntil) => {
      if (kinds.length === 0) return undefined
      const claimable = sql`(status = 'queued' or (status = 'running' and lease_until < ${now}))`
      const lock = kind === 'postgresql' ? sql`for update skip locked` : sql``
      const r = await sql<Selectable<JobTable>>`
        update job set status = 'running', lease_owner = ${owner}, lease_until = ${leaseUntil},
          attempts = attempts + 1, started_at = coalesce(started_at, ${now})
        where (tenant_id, id) = (
          select tenant_id, id from job
          where status in ('queued', 'running') and kind in (${sql.join([...kinds])}) and ${claimable}
          order by created_at, id limit 1 ${lock})
        and ${claimable}
        returning *`.execute(q)
      const row = r.rows[0]
      return row && jobOf(row)
    },
    takeOver: async (tenantId, id, from, owner, now, leaseUntil) => {
      const r = await q
        .updateTable('job')
        .set((eb) => ({
          status: 'running',
          lease_owner: owner,
          lease_until: leaseUntil,
          attempts: eb('attempts', '+', 1),
          started_at: eb.fn.coalesce('started_at', eb.val(now)),
        }))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('status', 'in', OPEN)
        .where('lease_owner', from === null ? 'is' : '=', from)
        .returningAll()
        .executeTakeFirst()
      return r && jobOf(r)
    },
    renew: async (tenantId, id, owner, leaseUntil) => {
      const r = await held(tenantId, id, owner)
        .set({ lease_until: leaseUntil })
        .returning('cancel_requested')
        .executeTakeFirst()
      return r && { cancelRequested: bool(r.cancel_requested) }
    },
    saveProgress: async (tenantId, id, owner, next) => {
      const r = await held(tenantId, id, owner)
        .set({
          progress: toJson(next.progress),
          lease_until: next.leaseUntil,
          ...('checkpoint' in next ? { checkpoint: toJson(next.checkpoint) } : {}),
        })
        .returning('cancel_requested')
        .executeTakeFirst()
      return r && { cancelRequested: bool(r.cancel_requested) }
    },
    finish: async (tenantId, id, owner, outcome) => {
      const r = await held(tenantId, id, owner)
        .set({
          status: outcome.status,
          progress: toJson(outcome.progress),
          result: outcome.result === undefined || outcome.result === null ? null : toJson(outcome.result),
          error: outcome.error ? toJson(outcome.error) : null,
          finished_at: outcome.at,
          lease_owner: null,
          lease_until: null,
        })
        .executeTakeFirst()
      return Number(r.numUpdatedRows) > 0
    },
    release: async (tenantId, id, owner) => {
      const r = await held(tenantId, id, owner)
        .set({ status: 'queued', lease_owner: null, lease_until: null })
        .executeTakeFirst()
      return Number(r.numUpdatedRows) > 0
    },
    requestCancel: async (tenantId, id, at) => {
      if (!isUuid(id)) return undefined
      const one = q.updateTable('job').where('tenant_id', '=', tenantId).where('id', '=', id)
      await one
        .set({ status: 'cancelled', cancel_requested: b(true), finished_at: at })
        .where('status', '=', 'queued')
        .execute()
      await one
        .set({ cancel_requested: b(true) })
        .where('status', '=', 'running')
        .execute()
      return oneRow(q, 'job', { tenant_id: tenantId, id }, jobOf)
    },
  }
}
