import type { Job, JobProgress, Permission, TransactionOptions, Tx } from '@kehu/core'
import type { RequestContext } from '../context.js'

/** What a job's work is given while it runs. */
export interface JobRun<P> {
  /** The job's creator as actor, in its tenant. */
  ctx: RequestContext
  /** The job as claimed; its checkpoint is the last one committed (null at first). */
  job: Job
  params: P
  /** Aborted on cancel, on a lost lease or when the process stops: check it between batches (`step` does). */
  signal: AbortSignal
  /**
   * Runs `work` and writes the job's checkpoint and progress in the SAME transaction, so a batch and the
   * record of it commit together or not at all. Throws (and writes nothing) once the job is cancelled or held
   * by another process.
   */
  step<T>(
    work: (tx: Tx) => Promise<T>,
    next: { checkpoint: unknown; progress: JobProgress },
    options?: TransactionOptions,
  ): Promise<T>
  /** Progress only (e.g. while reading a file for a dry run); throttled inside. */
  report(progress: JobProgress): Promise<void>
}

/** One kind of long work: who may start it, its parameters, and the work. */
export interface JobKind<P = unknown, R = unknown> {
  /** e.g. `import`, `code-audit-fix`. */
  kind: string
  /** Checked when the job is started. */
  permission: Permission
  /** Parses the stored parameters (zod); throws an `invalid` AppError. */
  parse(params: unknown): P
  /** Its result is stored as the job's result (plain JSON). */
  run(run: JobRun<P>): Promise<R>
}

/** A kind as the registry holds it (its parameters and result types forgotten). */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds kinds of every parameter type
export type AnyJobKind = JobKind<any, unknown>

/** The resume key in a job's parameters, if they carry one (`params.resumeKey`). */
export const resumeKeyOf = (params: unknown): string | null => {
  const key = (params as { resumeKey?: unknown } | null)?.resumeKey
  return typeof key === 'string' && key !== '' ? key : null
}

/** How long a holder's lease lasts, and how often it renews it while the work runs. */
export interface LeaseOptions {
  leaseMs: number
  renewMs: number
}
export const DEFAULT_LEASE: LeaseOptions = { leaseMs: 30_000, renewMs: 10_000 }

/** How a run of a held job ended. `lost`: another holder has it, so nothing more was written. */
export type JobEnd =
  | { status: 'done'; result: unknown }
  | { status: 'failed'; error: unknown }
  | { status: 'cancelled' }
  | { status: 'released' }
  | { status: 'lost' }
