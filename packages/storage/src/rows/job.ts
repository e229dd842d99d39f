import type { Job, JobError, JobProgress, JobStatus } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { JobTable } from '../schema.js'
import { b, bool, json, num, toJson } from './values.js'

export const jobOf = (r: Selectable<JobTable>): Job => ({
  id: r.id,
  tenantId: r.tenant_id,
  kind: r.kind,
  params: json(r.params),
  resumeKey: r.resume_key,
  status: r.status as JobStatus,
  progress: json(r.progress) as JobProgress,
  checkpoint: json(r.checkpoint) ?? null,
  result: json(r.result) ?? null,
  error: (json(r.error) ?? null) as JobError | null,
  attempts: num(r.attempts),
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until,
  cancelRequested: bool(r.cancel_requested),
  createdBy: r.created_by,
  createdByLabel: r.created_by_label,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
})

export const jobRow = (j: Job): Insertable<JobTable> => ({
  tenant_id: j.tenantId,
  id: j.id,
  kind: j.kind,
  params: toJson(j.params),
  resume_key: j.resumeKey,
  status: j.status,
  progress: toJson(j.progress),
  checkpoint: j.checkpoint === null || j.checkpoint === undefined ? null : toJson(j.checkpoint),
  result: j.result === null || j.result === undefined ? null : toJson(j.result),
  error: j.error ? toJson(j.error) : null,
  attempts: j.attempts,
  lease_owner: j.leaseOwner,
  lease_until: j.leaseUntil,
  cancel_requested: b(j.cancelRequested),
  created_by: j.createdBy,
  created_by_label: j.createdByLabel,
  created_at: j.createdAt,
  started_at: j.startedAt,
  finished_at: j.finishedAt,
})
