import { parseInput } from '@kehu/core'
import { z } from 'zod'
import type { RequestContext } from '../context.js'
import type { JobKind } from '../jobs/job-kind.js'
import { auditCodes, type CodeAuditReport, type CodeFindingKind, fixCodeAuditInTx } from './audit-codes.js'

const NoParams = z.object({})

/** What a finished code-audit fix keeps: the numbers; the findings are the audit's to show again. */
export interface CodeAuditFixResult {
  checked: number
  fixed: number
  counts: Record<CodeFindingKind, number>
}

/**
 * The code audit's fix as a job (issue 15.3): the audit reads every code — through `audit`, which the server
 * runs on a read worker (ADR 0022) — then one short transaction raises the counters that are behind. Counters
 * only move forward, so a fix run again after an interruption raises nothing twice.
 */
export const codeAuditFixJob = (
  audit: (ctx: RequestContext, signal: AbortSignal) => Promise<CodeAuditReport> = (ctx) => auditCodes(ctx),
): JobKind<Record<string, never>, CodeAuditFixResult> => ({
  kind: 'code-audit-fix',
  permission: 'code:audit',
  parse: (p) => parseInput(NoParams, p ?? {}, 'JOB_INVALID') as Record<string, never>,
  async run({ ctx, signal, step, report }) {
    await report({ phase: 'audit', done: 0 })
    const found = await audit(ctx, signal)
    const progress = { phase: 'fix', done: found.checked, total: found.checked }
    const fixed = await step((tx) => fixCodeAuditInTx(ctx, tx, found), { checkpoint: { fixed: true }, progress })
    return { checked: fixed.checked, fixed: fixed.fixed, counts: fixed.counts }
  },
})
