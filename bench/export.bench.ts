import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import {
  type ActorContext,
  type Deps,
  EXPORT_PAGE_SIZE,
  type ExportCustomersInput,
  ensureLocalAdmin,
  exportCustomers,
  type RequestContext,
} from '@kehu/app'
import { loadDemo } from '@kehu/cli'
import { writeTable } from '@kehu/server'
import { createStore, type Db, migrate, openDatabase, systemClock, uuidIds } from '@kehu/storage'
import { sql } from 'kysely'
import pg from 'pg'
import { type BenchContext, compareRates } from './harness.js'

export const name = 'export'
export const description =
  'Customer export (issue 17: ≥ 100,000 rows/s) of a whole demo tenant through exportCustomers and the table writer into a discarding stream, against a floor of the same rows read by plain keyset SELECTs of the customer table in the same page size (no classes, no cells, no file); SQLite and PostgreSQL'

const TENANT = 'demo'
const FORMATS: { label: string; input: ExportCustomersInput }[] = [
  { label: 'CSV UTF-8', input: { format: 'csv' } },
  { label: 'CSV GB18030', input: { format: 'csv', encoding: 'gb18030' } },
  { label: 'XLSX', input: { format: 'xlsx' } },
]

/** A stream that counts and drops what it is given, as fast as a socket that never pushes back. */
const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done()
    },
  })

async function measure(ctx: BenchContext, db: Db, engine: string, analyze?: () => Promise<unknown>) {
  await migrate(db)
  const deps: Deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
  const admin = await ensureLocalAdmin(deps, 'bench')
  const base: ActorContext = { deps, actor: admin, lang: 'zh-CN' }
  const count = ctx.scaled(200_000)
  const started = Date.now()
  let reported = 0
  await loadDemo(base, {
    customers: count,
    progress: (done, total) => {
      if (done - reported >= 20_000 || done === total) {
        reported = done
        ctx.log(`${engine}: ${done}/${total} customers (${Math.round((Date.now() - started) / 1000)} s)`)
      }
    },
  })
  await analyze?.()
  const ctxT: RequestContext = { ...base, tenant: TENANT }
  const tenantId = await deps.store.read(async (tx) => (await tx.tenants.byCode(TENANT))!.id)
  const rows = (await exportCustomers(ctxT, { status: 'active,disabled,archived' })).total
  const floor = async () => {
    for (let after: string | null = null; ; ) {
      let query = db.db.selectFrom('customer').selectAll().where('tenant_id', '=', tenantId)
      if (after !== null) query = query.where('id', '>', after)
      const page = await query.orderBy('id').limit(EXPORT_PAGE_SIZE).execute()
      if (page.length < EXPORT_PAGE_SIZE) break
      after = page.at(-1)!.id
    }
  }
  for (const f of FORMATS) {
    let written = 0
    const m = await compareRates({
      label: `${engine}: ${f.label}, ${rows} customers`,
      unit: 'rows/s',
      count: rows,
      rounds: 3,
      warmupMs: 0,
      subject: async () => {
        const x = await exportCustomers(ctxT, { ...f.input, status: 'active,disabled,archived' })
        written = await writeTable(sink(), x, x.pages)
      },
      floor,
    })
    if (written !== rows) throw new Error(`${f.label}: wrote ${written} of ${rows} rows`)
    ctx.log(
      `${m.label}: ${Math.round(m.value)} rows/s, floor ${Math.round(m.floor ?? 0)}, ratio ${m.ratio?.toFixed(2)}`,
    )
    ctx.record(m)
  }
  ctx.record({
    label: `${engine}: peak RSS of the process (load included)`,
    value: Math.round(process.resourceUsage().maxRSS / 1024),
    unit: 'MB',
  })
}

export async function run(ctx: BenchContext): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kehu-bench-export-'))
  const sqlite = await openDatabase({ dataDir: dir })
  try {
    await measure(ctx, sqlite, 'SQLite')
  } finally {
    await sqlite.close()
    rmSync(dir, { recursive: true, force: true })
  }
  if (!ctx.pgUrl) {
    ctx.log('KEHU_BENCH_PG_URL / KEHU_TEST_PG_URL unset: PostgreSQL skipped')
    return
  }
  const dbName = `kehu_bench_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: ctx.pgUrl })
  await admin.connect()
  await admin.query(`create database "${dbName}"`)
  const u = new URL(ctx.pgUrl)
  u.pathname = `/${dbName}`
  const db = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 })
  try {
    await measure(ctx, db, 'PostgreSQL', () => sql`analyze`.execute(db.db))
  } finally {
    await db.close()
    await admin.query(`drop database if exists "${dbName}" with (force)`)
    await admin.end()
  }
}
