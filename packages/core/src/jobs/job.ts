import type { Text } from '../errors.js'

/** Where a job stands: queued → running → done | failed | cancelled (a running job whose lease ends is claimable again). */
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** What a job has done so far, as it reports it (rows read, written, bad; rate per second; time left). */
export interface JobProgress {
  phase?: string
  done: number
  total?: number
  bad?: number
  written?: number
  rate?: number
  etaSeconds?: number
}

/** Why a job failed, in both languages (the error's code and its message). */
export interface JobError {
  code: string
  message: Text
}

/** Long work of one tenant, kept in one table on both databases (docs/decisions: jobs). */
export interface Job {
  id: string
  tenantId: string
  /** What it does, e.g. `import`, `code-audit-fix`; a runner runs only the kinds it knows. */
  kind: string
  params: unknown
  /** Jobs of one kind with the same key are the same work: a re-run takes the unfinished one over. */
  resumeKey: string | null
  status: JobStatus
  progress: JobProgress
  /** The last checkpoint committed with the work it stands for; null before the first step. */
  checkpoint: unknown
  result: unknown
  error: JobError | null
  /** How often it was claimed (a take-over counts). */
  attempts: number
  /** Who runs it (`host:pid` or a runner's id) and until when its lease holds. */
  leaseOwner: string | null
  leaseUntil: string | null
  cancelRequested: boolean
  /** The user who started it (its work runs as them). */
  createdBy: string
  /** What the audit log calls them, e.g. `cli:alice`. */
  createdByLabel: string
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export const isFinished = (status: JobStatus): boolean =>
  status === 'done' || status === 'failed' || status === 'cancelled'

/** Which jobs a list shows: newest first, one page after `before` (a job id). */
export interface JobQuery {
  /** Only the jobs this user started. */
  createdBy?: string | undefined
  kind?: string | undefined
  status?: readonly JobStatus[] | undefined
  /** The last job of the previous page. */
  before?: { createdAt: string; id: string } | undefined
  limit: number
}

/** What a finished job leaves: its end status and result or error. */
export interface JobOutcome {
  status: 'done' | 'failed' | 'cancelled'
  result: unknown
  error: JobError | null
  progress: JobProgress
  at: string
}
