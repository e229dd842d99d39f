// A separate process creating customers in one SQLite data folder, for the allocation concurrency test:
// node --import tsx --import <resolve @kehu/* to sources> create-customers-worker.ts DATA_DIR TENANT COUNT TYPES WORKER
import { createStore, openDatabase, systemClock, uuidIds } from '@kehu/storage'
import { createCustomer } from '../customers/create-customer.js'
import type { Deps } from '../deps.js'
import { ensureLocalAdmin } from '../tenancy/local-admin.js'

const [dataDir, tenant, count, types, worker] = process.argv.slice(2) as [string, string, string, string, string]
// NORMAL: this process tests allocation under concurrency, not durability; FULL only adds fsync time.
const db = await openDatabase({ dataDir, synchronous: 'NORMAL' })
const deps: Deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
const actor = await ensureLocalAdmin(deps, `worker${worker}`)
const ctx = { deps, actor, tenant, lang: 'zh-CN' } as const
const typeList = types.split(',')
let created = 0
// A transaction that waited past busy_timeout for the write lock committed nothing: it is safe to try again.
let busy = 0
try {
  for (let i = 0; i < Number(count); i++) {
    for (;;) {
      try {
        await createCustomer(ctx, {
          name: `进程${worker}客户${i}`,
          type: typeList[i % typeList.length],
        })
        break
      } catch (e) {
        if (!/database is locked|SQLITE_BUSY/.test(String((e as Error).message))) throw e
        busy++
      }
    }
    created++
  }
} finally {
  await db.close()
  process.stdout.write(`${JSON.stringify({ worker, created, busy })}\n`)
}
