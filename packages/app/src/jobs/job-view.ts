import { type Job, type JobProgress, type JobStatus, type Lang, pick } from '@kehu/core'

/** A job as the API and the CLI show it. */
export interface JobView {
  id: string
  kind: string
  status: JobStatus
  progress: JobProgress
  result: unknown
  error: { code: string; message: string } | null
  cancelRequested: boolean
  /** Who started it, as the audit log names them. */
  createdBy: string
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export const jobView = (job: Job, lang: Lang): JobView => ({
  id: job.id,
  kind: job.kind,
  status: job.status,
  progress: job.progress,
  result: job.result,
  error: job.error && { code: job.error.code, message: pick(job.error.message, lang) },
  cancelRequested: job.cancelRequested,
  createdBy: job.createdByLabel,
  createdAt: job.createdAt,
  startedAt: job.startedAt,
  finishedAt: job.finishedAt,
})
