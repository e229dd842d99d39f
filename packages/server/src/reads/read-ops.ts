import { auditCodes, codeCapacity, findCustomers, getSummary, type RequestContext } from '@kehu/app'

/**
 * The reads that can take long on a large tenant, run on the read workers (ADR 0022): each is a read-only
 * use case whose arguments and result are plain data, so they cross a thread by structured clone.
 */
export const readOps = {
  findCustomers,
  getSummary,
  codeCapacity,
  auditCodes: (ctx: RequestContext) => auditCodes(ctx),
}

export type ReadOps = typeof readOps
export type ReadOp = keyof ReadOps
/** A read's arguments after the request context. */
export type ReadArgs<K extends ReadOp> = ReadOps[K] extends (ctx: RequestContext, ...args: infer A) => unknown
  ? A
  : never
export type ReadResult<K extends ReadOp> = Awaited<ReturnType<ReadOps[K]>>

/** The request context as it crosses to a worker: everything but `deps`, which the worker has its own of. */
export type WireContext = Omit<RequestContext, 'deps'> & { requestId?: string | undefined }

/** Runs one request's reads: on the worker pool, or in this thread when there is none (tests, small set-ups). */
export interface Reads {
  run<K extends ReadOp>(op: K, ctx: RequestContext, ...args: ReadArgs<K>): Promise<ReadResult<K>>
}

export const runReadOp = <K extends ReadOp>(ctx: RequestContext, op: K, args: ReadArgs<K>): Promise<ReadResult<K>> =>
  (readOps[op] as (ctx: RequestContext, ...a: unknown[]) => Promise<ReadResult<K>>)(ctx, ...args)
