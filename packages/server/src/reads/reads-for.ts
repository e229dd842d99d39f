import type { RequestContext } from '@kehu/app'
import { type ReadOp, type Reads, runReadOp } from './read-ops.js'
import type { ReadPool } from './read-pool.js'

/** One request's reads: on the pool within the request's budget, or in this thread without a pool. */
export function readsFor(pool: ReadPool | undefined, signal: AbortSignal): Reads {
  return {
    run: (op: ReadOp, ctx: RequestContext, ...args: unknown[]) => {
      if (!pool) return runReadOp(ctx, op, args as never)
      const { deps, ...wire } = ctx
      return pool.run(op, { ...wire, requestId: deps.requestId }, args as never, { signal })
    },
  } as Reads
}
