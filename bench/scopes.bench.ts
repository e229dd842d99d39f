import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ActorContext,
  createUser,
  type Deps,
  ensureLocalAdmin,
  findCustomers,
  type RequestContext,
  resolveActor,
  setMember,
} from '@kehu/app'
import { loadDemo } from '@kehu/cli'
import { createStore, type Db, migrate, openDatabase, systemClock, uuidIds } from '@kehu/storage'
import pg from 'pg'
import { type BenchContext, compareRates } from './harness.js'

export const name = 'scopes'
export const description =
  'The customer list and search as a 业务员 scoped to class subtree 01 (本级及下级) against the same queries by an unscoped caller, same tenant, same run (issue 16: scoped no more than 1.5× unscoped, i.e. ratio ≥ 0.67); SQLite and PostgreSQL'

const TENANT = 'demo'
/** The same questions a list page asks: the first page, a later page, a name search, a pinyin-initials search, a class filter. */
const QUERIES: { label: string; query: Record<string, unknown> }[] = [
  { label: 'first page', query: { limit: 50 } },
  { label: 'page 20', query: { limit: 50, offset: 950 } },
  { label: 'name search 科技', query: { q: '科技', limit: 50 } },
  { label: 'code prefix search', query: { q: 'V-', limit: 50 } },
  { label: 'class filter 01001', query: { class: '01001', limit: 50 } },
]

async function measure(ctx: BenchContext, db: Db, engine: string, analyze?: () => Promise<unknown>) {
  await migrate(db)
  const deps: Deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
  const admin = await ensureLocalAdmin(deps, 'bench')
  const base: ActorContext = { deps, actor: admin, lang: 'zh-CN' }
  const count = ctx.scaled(100_000)
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
  // Right after a bulk load PostgreSQL has no statistics yet (autovacuum analyses later) and plans the scope's
  // semi-join as a nested loop over every row: 350 ms instead of 2.5 ms at 2,000 customers.
  await analyze?.()
  const adminCtx: RequestContext = { ...base, tenant: TENANT }
  const user = await createUser(base, { login: 'bench-sales', displayName: '基准业务员' })
  await setMember(adminCtx, 'bench-sales', { roles: ['sales'], scopes: [] })
  const unscoped: RequestContext = { ...adminCtx, actor: await resolveActor(deps, user.id, TENANT) }
  const classNode = await deps.store.read(async (tx) => {
    const tenant = await tx.tenants.byCode(TENANT)
    const scheme = tenant && (await tx.schemes.byCode(tenant.id, 'class'))
    return tenant && scheme && tx.nodes.byCode(tenant.id, scheme.id, '01')
  })
  if (!classNode) throw new Error('the demo has no class 01')
  await setMember(adminCtx, 'bench-sales', {
    roles: ['sales'],
    scopes: [{ kind: 'node', nodeId: classNode.id, subtree: true }],
  })
  const scoped: RequestContext = { ...adminCtx, actor: await resolveActor(deps, user.id, TENANT) }
  const seen = await findCustomers(scoped, { limit: 1 })
  const all = await findCustomers(unscoped, { limit: 1 })
  ctx.log(`${engine}: the scoped member sees ${seen.total} of ${all.total} customers`)
  ctx.record({
    label: `${engine}: customers seen scoped / unscoped`,
    value: seen.total,
    unit: 'customers',
    floor: all.total,
  })

  for (const { label, query } of QUERIES) {
    const repeat = 10
    const m = await compareRates({
      label: `${engine}: ${label}, scoped vs unscoped (${count} customers)`,
      unit: 'queries/s',
      count: repeat,
      rounds: 5,
      warmupMs: 300,
      subject: async () => {
        for (let i = 0; i < repeat; i++) await findCustomers(scoped, query)
      },
      floor: async () => {
        for (let i = 0; i < repeat; i++) await findCustomers(unscoped, query)
      },
    })
    ctx.log(`${m.label}: ${m.value.toFixed(1)} vs ${m.floor?.toFixed(1)} q/s, ratio ${m.ratio?.toFixed(2)}`)
    ctx.record(m)
  }
}

export async function run(ctx: BenchContext): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kehu-bench-scopes-'))
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
    const client = new pg.Client({ connectionString: u.toString() })
    await client.connect()
    try {
      await measure(ctx, db, 'PostgreSQL', () => client.query('analyze'))
    } finally {
      await client.end()
    }
  } finally {
    await db.close()
    await admin.query(`drop database if exists "${dbName}" with (force)`)
    await admin.end()
  }
}
