import type { Actor, Job } from '@kehu/core'
import type { Deps } from '../../deps.js'
import { resumeKeyOf } from '../job-kind.js'

/** A new job row: queued, or already running for `owner` (a foreground run). */
export function newJob(
  deps: Deps,
  actor: Actor,
  tenantId: string,
  kind: string,
  params: unknown,
  owner?: { owner: string; leaseUntil: string },
): Job {
  const now = deps.clock.now().toISOString()
  return {
    id: deps.ids.next(),
    tenantId,
    kind,
    params,
    resumeKey: resumeKeyOf(params),
    status: owner ? 'running' : 'queued',
    progress: { done: 0 },
    checkpoint: null,
    result: null,
    error: null,
    attempts: owner ? 1 : 0,
    leaseOwner: owner?.owner ?? null,
    leaseUntil: owner?.leaseUntil ?? null,
    cancelRequested: false,
    createdBy: actor.userId,
    createdByLabel: actor.label,
    createdAt: now,
    startedAt: owner ? now : null,
    finishedAt: null,
  }
}
