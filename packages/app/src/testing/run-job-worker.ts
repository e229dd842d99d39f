// A separate process running the test job kind in the foreground, for the kill -9 test:
// node --import tsx --import <resolve @kehu/* to sources> run-job-worker.ts DB_CONFIG_JSON TENANT PARAMS_JSON
// It prints each committed progress as a JSON line.
import { createStore, type DatabaseConfig, openDatabase, systemClock, uuidIds } from '@kehu/storage'
import type { Deps } from '../deps.js'
import { runJobInForeground } from '../jobs/run-job-in-foreground.js'
import { ensureLocalAdmin } from '../tenancy/local-admin.js'
import { rowsJob } from './test-job-kind.js'

const [config, tenant, params] = process.argv.slice(2) as [string, string, string]
const db = await openDatabase(JSON.parse(config) as DatabaseConfig)
const deps: Deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
const actor = await ensureLocalAdmin(deps, 'worker')
await runJobInForeground({ deps, actor, tenant, lang: 'zh-CN' }, rowsJob, JSON.parse(params), (p) =>
  process.stdout.write(`${JSON.stringify(p)}\n`),
)
await db.close()
