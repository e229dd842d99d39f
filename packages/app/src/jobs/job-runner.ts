import type { Job } from '@kehu/core'
import type { Deps } from '../deps.js'
import { executeJob } from './internal/execute-job.js'
import { processOwner } from './internal/owner.js'
import { type AnyJobKind, DEFAULT_LEASE, type JobEnd, type LeaseOptions } from './job-kind.js'

export interface JobRunnerOptions {
  lease?: LeaseOptions
  /** How often it looks for claimable jobs when nothing woke it (ms). */
  pollMs?: number
  /** Jobs run at once by this runner. */
  concurrency?: number
  /** After each job it ran (for the server's log). */
  onEnd?: (job: Job, end: JobEnd) => void
  /** A claim that failed (the database away); the runner tries again at its next poll. */
  onError?: (e: unknown) => void
}

/**
 * Runs queued jobs of the kinds it knows (`kehu serve` starts one): claims them one conditional statement at a
 * time — also those whose holder's lease ended, which resume from their checkpoint — renews their leases, and
 * on `stop()` gives back what it runs.
 */
export class JobRunner {
  readonly owner = processOwner(`runner-${Math.random().toString(36).slice(2, 8)}`)
  private readonly kinds: Map<string, AnyJobKind>
  private readonly stopping = new AbortController()
  private readonly running = new Set<Promise<void>>()
  private wakeUp: (() => void) | undefined
  private loop: Promise<void> | undefined
  private claims = 0

  constructor(
    private readonly deps: Deps,
    kinds: readonly AnyJobKind[],
    private readonly opts: JobRunnerOptions = {},
  ) {
    this.kinds = new Map(kinds.map((k) => [k.kind, k]))
  }

  start(): void {
    this.loop ??= this.work()
  }

  /** Looks for work now (a job was just queued). */
  wake = (): void => {
    this.wakeUp?.()
  }

  /** Stops claiming, asks the running jobs to stop at their next step and waits until they are given back. */
  async stop(): Promise<void> {
    this.stopping.abort()
    this.wakeUp?.()
    await this.loop
    await Promise.allSettled([...this.running])
  }

  private async work(): Promise<void> {
    const lease = this.opts.lease ?? DEFAULT_LEASE
    const kinds = [...this.kinds.keys()]
    while (!this.stopping.signal.aborted) {
      while (this.running.size < (this.opts.concurrency ?? 1) && !this.stopping.signal.aborted) {
        let job: Job | undefined
        // Each claim holds under its own name: should this runner claim back a job whose lease it let lapse,
        // the earlier run's writes are refused like anyone else's.
        const holder = `${this.owner}/${++this.claims}`
        try {
          const now = this.deps.clock.now()
          job = await this.deps.store.transaction((tx) =>
            tx.jobs.claim(kinds, holder, now.toISOString(), new Date(now.getTime() + lease.leaseMs).toISOString()),
          )
        } catch (e) {
          this.opts.onError?.(e)
        }
        if (!job) break
        const claimed = job
        const kind = this.kinds.get(claimed.kind) as AnyJobKind
        const p = executeJob(this.deps, kind, claimed, holder, { lease, stop: this.stopping.signal })
          .then(
            (end) => this.opts.onEnd?.(claimed, end),
            (e) => this.opts.onError?.(e),
          )
          .finally(() => {
            this.running.delete(p)
            this.wake()
          })
        this.running.add(p)
      }
      if (this.stopping.signal.aborted) break
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.opts.pollMs ?? 1000)
        this.wakeUp = () => {
          clearTimeout(t)
          resolve()
        }
      })
    }
  }
}
