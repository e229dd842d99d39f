import type { Clock, Ids, Store } from '@kehu/core'

/** What every use case is given by the composition root (server, CLI, tests). */
export interface Deps {
  store: Store
  clock: Clock
  ids: Ids
  /** Carried into audit events so a log line and an audit row can be matched. */
  requestId?: string
  /** Called after a job was queued, so a runner in this process claims it at once instead of at its next poll. */
  jobQueued?: () => void
}
