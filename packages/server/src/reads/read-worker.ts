// A read worker (ADR 0022): its own database connection (read-only on SQLite) runs the read use cases that
// the pool hands it, one at a time, off the server's event loop.
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { isAppError } from '@kehu/core'
import { createStore, type DatabaseConfig, openDatabase, systemClock, uuidIds } from '@kehu/storage'
import { runReadOp } from './read-ops.js'
import type { ReadJob, ReadReply } from './read-pool.js'

// Long reads yield the CPU to the event loop: on Linux a thread's nice value is its own, so this lowers only
// this worker (elsewhere it may lower the process or be refused; the reads work either way).
try {
  if (process.platform === 'linux') setPriority(10)
} catch {}

const { database } = workerData as { database: DatabaseConfig }
const db = await openDatabase(database)
const store = createStore(db)
const port = parentPort as NonNullable<typeof parentPort>

port.on('message', async (job: ReadJob) => {
  let reply: ReadReply
  try {
    const { requestId, ...rest } = job.ctx
    const deps = { store, clock: systemClock, ids: uuidIds, ...(requestId ? { requestId } : {}) }
    reply = { id: job.id, ok: true, value: await runReadOp({ ...rest, deps }, job.op, job.args as never) }
  } catch (e) {
    reply = {
      id: job.id,
      ok: false,
      error: isAppError(e)
        ? { kind: e.kind, code: e.code, text: e.text, issues: e.issues, details: e.details }
        : { message: e instanceof Error ? e.message : String(e) },
    }
  }
  port.postMessage(reply)
})
port.postMessage({ ready: true })
