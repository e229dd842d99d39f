import { hostname } from 'node:os'
import type { Job } from '@kehu/core'

/** The holder name of work run by this process: `host:pid`, so another process on the host can tell it died. */
export const processOwner = (suffix?: string) => `${hostname()}:${process.pid}${suffix ? `:${suffix}` : ''}`

/** Whether the process named by a holder `host:pid[:…]` is on this host and gone (kill -9, a crash). */
function ownerDied(owner: string): boolean {
  const [host, pidText] = owner.split(':')
  const pid = Number(pidText)
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** Whether nobody works on the job any more: no holder, an ended lease, or a holder process that died. */
export const isAbandoned = (job: Job, now: Date): boolean =>
  job.leaseOwner === null ||
  job.leaseUntil === null ||
  Date.parse(job.leaseUntil) < now.getTime() ||
  ownerDied(job.leaseOwner)
