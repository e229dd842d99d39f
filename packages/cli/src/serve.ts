import { fileURLToPath } from 'node:url'
import { JobRunner, listTenants } from '@kehu/app'
import { ReadPool, serverJobKinds, startServer } from '@kehu/server'
import pino from 'pino'
import { createDemoUsers, demoUsersBanner, loadDemo } from './demo.js'
import { openRuntime } from './runtime.js'

export interface ServeOptions {
  port: number
  host?: string
  /** Host names to answer for besides the loopback ones. */
  allowedHosts?: string[]
  dataDir: string
  databaseUrl?: string | undefined
  /** On a brand-new database, create the demo tenant first (npm start). */
  demoIfEmpty?: boolean
  /**
   * With the demo: a user for each built-in role, passwords printed once (npm start). Sign-in is then required
   * even on loopback (ADR 0023), so the browser tests and the bench leave it off.
   */
  demoUsers?: boolean
  quiet?: boolean
  log?: (line: string) => void
  /** The built web UI to serve (default: packages/web/dist); the web bench serves an older build beside. */
  webDir?: string
  /** Compress responses (default true). */
  compress?: boolean
  /** Worker threads for the long reads (default 2; 0 runs them on the event loop). */
  readWorkers?: number
  /** Each request's time budget in seconds (default 30). */
  requestTimeout?: number
  /** The largest upload in bytes (default 256 MB); larger ones get 413. */
  maxUploadBytes?: number
  /** Behind a reverse proxy: client address from X-Forwarded-For, HTTPS from X-Forwarded-Proto. */
  trustProxy?: boolean
}

export interface Serving {
  url: string
  close(): Promise<void>
}

const webDir = () => fileURLToPath(new URL('../../web/dist', import.meta.url))

/** Opens the database, migrates it, optionally loads the demo, and serves API and web UI. */
export async function serve(o: ServeOptions): Promise<Serving> {
  const log = o.log ?? (() => {})
  const rt = await openRuntime({ dataDir: o.dataDir, databaseUrl: o.databaseUrl })
  try {
    if (rt.backup) log(`backup before migrating: ${rt.backup}`)
    if (o.demoIfEmpty && (await listTenants(rt.base)).length === 0) {
      const n = await loadDemo(rt.base)
      log(
        `新数据库：已创建演示账套 演示账套（demo），含 ${n} 个客户 / new database: created the demo tenant with ${n} customers`,
      )
      if (o.demoUsers) for (const line of demoUsersBanner(await createDemoUsers(rt.base))) log(line)
    }
    const logger = pino({ level: o.quiet ? 'silent' : 'info' })
    const workers = o.readWorkers ?? 2
    const readPool =
      workers > 0
        ? new ReadPool({ database: { dataDir: o.dataDir, databaseUrl: o.databaseUrl }, size: workers })
        : undefined
    // The runner claims queued jobs (and those a dead process left) while the server runs; a job started by a
    // request wakes it at once.
    const runner = new JobRunner(rt.deps, serverJobKinds(readPool).all, {
      onEnd: (job, end) => logger.info({ job: job.id, kind: job.kind, status: end.status }, 'job ended'),
      onError: (e) => logger.error({ err: e }, 'job runner'),
    })
    const deps = { ...rt.deps, jobQueued: runner.wake }
    const server = await startServer(
      {
        deps,
        actor: rt.actor,
        version: '0.1.0',
        database: rt.db.kind,
        readPool,
        requestBudgetMs: (o.requestTimeout ?? 30) * 1000,
        maxUploadBytes: o.maxUploadBytes,
        trustProxy: o.trustProxy ?? false,
      },
      {
        port: o.port,
        host: o.host ?? '127.0.0.1',
        allowedHosts: o.allowedHosts,
        webDir: o.webDir ?? webDir(),
        logger,
        compress: o.compress,
      },
    ).catch(async (e) => {
      await readPool?.close()
      throw e
    })
    runner.start()
    return {
      url: server.url,
      close: async () => {
        // Running jobs stop at their next step and are given back: the next start resumes them.
        await runner.stop()
        await server.close()
        await readPool?.close()
        await rt.close()
      },
    }
  } catch (e) {
    await rt.close()
    throw e
  }
}
