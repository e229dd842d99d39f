import { Worker } from 'node:worker_threads'
import { AppError, type ErrorCode, type ErrorKind, type Issue, reissue, type Text, text } from '@kehu/core'
import type { DatabaseConfig } from '@kehu/storage'
import type { ReadArgs, ReadOp, ReadResult, WireContext } from './read-ops.js'

export interface ReadJob {
  id: number
  op: ReadOp
  ctx: WireContext
  args: unknown[]
}

type WireError =
  | { kind: ErrorKind; code: ErrorCode; text: Text; issues: Issue[]; details: Record<string, unknown> | undefined }
  | { message: string }

export type ReadReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError }

export interface ReadPoolOptions {
  /** The server's database; SQLite workers open it read-only, PostgreSQL workers with a pool of 2. */
  database: DatabaseConfig
  /** Number of worker threads. */
  size: number
}

export interface RunOptions {
  /** The request's time budget: when it aborts, a queued read is dropped and a running one is stopped. */
  signal?: AbortSignal | undefined
}

interface Pending {
  job: ReadJob
  resolve(v: unknown): void
  reject(e: unknown): void
  signal?: AbortSignal | undefined
  onAbort?: () => void
}

interface Slot {
  worker: Worker
  running?: Pending | undefined
  /** Stopped on purpose (budget spent, pool closed): its exit is expected. */
  retired?: boolean
  /** Opened its database; a worker that dies before is not started again (the next would fail alike). */
  ready?: boolean
}

const errorOf = (e: WireError): Error => ('kind' in e ? reissue(e) : new Error(e.message))

const stopped = () =>
  new AppError(
    'unavailable',
    'READ_WORKER_STOPPED',
    text('查询进程已停止，请重试', 'The query worker stopped; try again'),
  )

function startWorker(database: DatabaseConfig): Worker {
  // From source (tests, benchmarks) the worker is TypeScript: a small loader lets tsx compile it.
  if (import.meta.url.endsWith('.ts'))
    return new Worker(new URL('../../../../scripts/ts-worker.mjs', import.meta.url), {
      workerData: { database, entry: new URL('./read-worker.ts', import.meta.url).href },
    })
  return new Worker(new URL('./read-worker.js', import.meta.url), { workerData: { database } })
}

/**
 * A small pool of worker threads with their own database connections that run the long reads (customer
 * search, summary, capacity, code audit) off the server's event loop, one read per worker at a time, the
 * rest queued in arrival order (ADR 0022).
 */
export class ReadPool {
  readonly #database: DatabaseConfig
  readonly #slots: Slot[] = []
  readonly #queue: Pending[] = []
  #next = 1
  #closed = false

  constructor(o: ReadPoolOptions) {
    this.#database = o.database.databaseUrl ? { ...o.database, poolSize: 2 } : { ...o.database, readonly: true }
    for (let i = 0; i < Math.max(1, o.size); i++) this.#slots.push(this.#spawn())
  }

  run<K extends ReadOp>(op: K, ctx: WireContext, args: ReadArgs<K>, o: RunOptions = {}): Promise<ReadResult<K>> {
    if (this.#closed || this.#slots.every((s) => s.retired)) return Promise.reject(stopped())
    if (o.signal?.aborted) return Promise.reject(o.signal.reason)
    return new Promise((resolve, reject) => {
      const p: Pending = {
        job: { id: this.#next++, op, ctx, args },
        resolve: resolve as (v: unknown) => void,
        reject,
        signal: o.signal,
      }
      if (o.signal) {
        p.onAbort = () => this.#abort(p)
        o.signal.addEventListener('abort', p.onAbort, { once: true })
      }
      this.#queue.push(p)
      this.#pump()
    })
  }

  /** Stops every worker; queued and running reads fail. */
  async close(): Promise<void> {
    this.#closed = true
    for (const p of this.#queue.splice(0)) this.#settle(p, stopped())
    await Promise.all(
      this.#slots.map((s) => {
        s.retired = true
        if (s.running) this.#settle(s.running, stopped())
        return s.worker.terminate()
      }),
    )
  }

  #spawn(): Slot {
    const slot: Slot = { worker: startWorker(this.#database) }
    // the pool must not keep a CLI command or a test process alive on its own
    slot.worker.unref()
    slot.worker.on('message', (m: ReadReply | { ready: true }) => {
      if ('ready' in m) {
        slot.ready = true
        return this.#pump()
      }
      if (slot.running?.job.id !== m.id) return
      const p = slot.running
      slot.running = undefined
      this.#settle(p, m.ok ? undefined : errorOf(m.error), m.ok ? m.value : undefined)
      this.#pump()
    })
    slot.worker.on('error', (e) => {
      if (slot.running) this.#settle(slot.running, e)
      slot.running = undefined
    })
    slot.worker.on('exit', () => {
      if (slot.retired || this.#closed) return
      if (slot.running) this.#settle(slot.running, stopped())
      slot.running = undefined
      if (slot.ready) return this.#replace(slot)
      slot.retired = true
      if (this.#slots.every((s) => s.retired)) for (const p of this.#queue.splice(0)) this.#settle(p, stopped())
    })
    return slot
  }

  #replace(slot: Slot) {
    slot.retired = true
    const i = this.#slots.indexOf(slot)
    if (i >= 0 && !this.#closed) this.#slots[i] = this.#spawn()
    this.#pump()
  }

  #pump() {
    for (const slot of this.#slots) {
      // a starting worker takes nothing yet, so a read whose budget runs out while waiting only leaves the queue
      if (slot.running || slot.retired || !slot.ready) continue
      const p = this.#queue.shift()
      if (!p) return
      slot.running = p
      slot.worker.postMessage(p.job)
    }
  }

  #abort(p: Pending) {
    const queued = this.#queue.indexOf(p)
    if (queued >= 0) this.#queue.splice(queued, 1)
    const slot = this.#slots.find((s) => s.running === p)
    this.#settle(p, p.signal?.reason ?? stopped())
    if (slot) {
      // a running statement cannot be cancelled from outside: the worker is stopped and a new one takes its place
      slot.running = undefined
      void slot.worker.terminate()
      this.#replace(slot)
    }
  }

  #settle(p: Pending, error: unknown, value?: unknown) {
    if (p.onAbort) p.signal?.removeEventListener('abort', p.onAbort)
    if (error) p.reject(error)
    else p.resolve(value)
  }
}
