import { type AnyJobKind, codeAuditFixJob } from '@kehu/app'
import type { ReadPool } from './reads/read-pool.js'
import { readsFor } from './reads/reads-for.js'

/**
 * The kinds of job the server starts and its runner runs (`kehu serve`). Their long reads go to the read
 * workers like a request's (ADR 0022), with the job's signal in place of the request's budget.
 */
export function serverJobKinds(pool: ReadPool | undefined) {
  const codeAuditFix = codeAuditFixJob((ctx, signal) => readsFor(pool, signal).run('auditCodes', ctx))
  return { codeAuditFix, all: [codeAuditFix] as AnyJobKind[] }
}
