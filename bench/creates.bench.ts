import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createCustomer,
  createNode,
  createTenant,
  type Deps,
  ensureLocalAdmin,
  type RequestContext,
  updateCodeRule,
} from '@kehu/app'
import { type Actor, type Customer, EVERY_CUSTOMER } from '@kehu/core'
import { startServer } from '@kehu/server'
import { createStore, type Db, migrate, openDatabase, systemClock, uuidIds } from '@kehu/storage'
import pg from 'pg'
import { type BenchContext, compareRates } from './harness.js'

export const name = 'creates'
export const description =
  'Customers created per second through createCustomer (rule {type}-{serial:6}, 4 scopes) on SQLite FULL and NORMAL, PostgreSQL with 8 clients, and over HTTP with 16 connections; floor: a bare counter upsert … RETURNING plus a bare customer insert per transaction, same database and settings, same run'

const TYPES = ['A', 'B', 'C', 'D']
const TENANT = 'bench'

interface Setup {
  db: Db
  deps: Deps
  actor: Actor
  ctx: RequestContext
  tenantId: string
  ruleId: string
}

async function setUp(db: Db): Promise<Setup> {
  await migrate(db)
  const deps: Deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
  const actor = await ensureLocalAdmin(deps, 'bench')
  const ctx: RequestContext = { deps, actor, tenant: TENANT, lang: 'zh-CN' }
  await createTenant({ deps, actor, lang: 'zh-CN' }, { code: TENANT, name: '基准账套' })
  for (const t of TYPES) await createNode(ctx, 'type', { code: t, name: `类型${t}` })
  const rule = await updateCodeRule(ctx, '默认规则', { pattern: '{type}-{serial:6}' })
  return { db, deps, actor, ctx, tenantId: rule.tenantId, ruleId: rule.id }
}

let seq = 0
/** One create through the use case: classes, rule choice, counter, registry, customer row, audit. */
const create = (s: Setup) => createCustomer(s.ctx, { name: `基准客户${++seq}`, type: TYPES[seq % TYPES.length] })

/** The floor: one transaction with the atomic counter upsert … RETURNING and one customer insert. */
function bareCreate(s: Setup) {
  return s.deps.store.transaction(async (tx) => {
    const n = ++seq
    const now = new Date().toISOString()
    const scope = `floor=${TYPES[n % TYPES.length]}`
    const serial = await tx.counters.take(s.tenantId, s.ruleId, scope, 1, 1, now)
    const c: Customer = {
      id: uuidIds.next(),
      tenantId: s.tenantId,
      code: `F${scope.slice(-1)}-${String(serial).padStart(6, '0')}`,
      name: `底线${n}`,
      shortName: null,
      mnemonic: null,
      uscc: null,
      legalRepresentative: null,
      address: null,
      postcode: null,
      phone: null,
      email: null,
      website: null,
      bankName: null,
      bankAccount: null,
      taxNumber: null,
      accountManagerId: null,
      department: null,
      creditGrade: null,
      creditLimitCents: null,
      registrationDate: now.slice(0, 10),
      headOfficeId: null,
      lifecycleStage: null,
      status: 'active',
      remarks: null,
      attributes: {},
      classes: {},
      codeRuleId: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: 'bench',
      updatedBy: 'bench',
    }
    await tx.customers.insert(c)
  })
}

/** `count` operations spread over `clients` concurrent workers. */
async function parallel(clients: number, count: number, op: () => Promise<unknown>) {
  let left = count
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left-- > 0) await op()
    }),
  )
}

/** No live code twice and, per scope, serials exactly 1..n. */
async function duplicatesAndGaps(s: Setup): Promise<{ codes: number; duplicates: number; gaps: number }> {
  const live = await s.deps.store.read((tx) => tx.codes.listLive(s.tenantId, EVERY_CUSTOMER))
  const duplicates = live.length - new Set(live.map((c) => c.code)).size
  const byScope = new Map<string, number[]>()
  for (const c of live) byScope.set(c.scopeKey ?? '', [...(byScope.get(c.scopeKey ?? '') ?? []), c.serial ?? 0])
  let gaps = 0
  for (const serials of byScope.values()) {
    serials.sort((a, b) => a - b)
    gaps += serials.filter((v, i) => v !== i + 1).length
  }
  return { codes: live.length, duplicates, gaps }
}

async function sqliteRun(ctx: BenchContext, synchronous: 'FULL' | 'NORMAL') {
  const dir = mkdtempSync(join(tmpdir(), `kehu-bench-${synchronous}-`))
  const s = await setUp(await openDatabase({ dataDir: dir, synchronous }))
  try {
    const count = ctx.scaled(synchronous === 'FULL' ? 150 : 300)
    ctx.log(`SQLite ${synchronous}: ${count} creates per round`)
    ctx.record(
      await compareRates({
        label: `SQLite ${synchronous}, 1 client (${count})`,
        unit: 'customers/s',
        count,
        rounds: 3,
        subject: () => parallel(1, count, () => create(s)),
        floor: () => parallel(1, count, () => bareCreate(s)),
      }),
    )
  } finally {
    await s.db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function postgresRun(ctx: BenchContext, url: string) {
  const dbName = `kehu_bench_${Date.now().toString(36)}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database "${dbName}"`)
  const u = new URL(url)
  u.pathname = `/${dbName}`
  const s = await setUp(await openDatabase({ databaseUrl: u.toString(), poolSize: 8 }))
  try {
    const count = ctx.scaled(400)
    ctx.log(`PostgreSQL, 8 clients: ${count} creates per round`)
    ctx.record(
      await compareRates({
        label: `PostgreSQL, 8 clients (${count})`,
        unit: 'customers/s',
        count,
        rounds: 3,
        subject: () => parallel(8, count, () => create(s)),
        floor: () => parallel(8, count, () => bareCreate(s)),
      }),
    )
    const check = await duplicatesAndGaps(s)
    ctx.record({
      label: `PostgreSQL, 8 clients: duplicate codes in ${check.codes}`,
      value: check.duplicates,
      unit: 'codes',
    })
    ctx.record({ label: `PostgreSQL, 8 clients: serial gaps in ${check.codes}`, value: check.gaps, unit: 'serials' })
  } finally {
    await s.db.close()
    await admin.query(`drop database if exists "${dbName}" with (force)`)
    await admin.end()
  }
}

/** A real server on SQLite FULL (the product's default) with autocannon POSTing customers on 16 connections. */
async function httpRun(ctx: BenchContext) {
  const dir = mkdtempSync(join(tmpdir(), 'kehu-bench-http-'))
  const s = await setUp(await openDatabase({ dataDir: dir }))
  const server = await startServer(
    { deps: s.deps, actor: s.actor, version: 'bench', database: 'sqlite' },
    { port: 0, host: '127.0.0.1' },
  )
  try {
    const autocannon = createRequire(import.meta.url)('autocannon') as (o: unknown) => Promise<{
      requests: { average: number; total: number }
      non2xx: number
      errors: number
      '2xx': number
    }>
    const seconds = Math.max(5, Math.round(15 * ctx.scale))
    ctx.log(`HTTP, 16 connections, ${seconds} s`)
    let n = 0
    const r = await autocannon({
      url: `${server.url}/api/t/${TENANT}/customers`,
      connections: 16,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req: Record<string, unknown>) => {
            n++
            return { ...req, body: JSON.stringify({ name: `接口客户${n}`, type: TYPES[n % TYPES.length] }) }
          },
        },
      ],
    })
    const check = await duplicatesAndGaps(s)
    ctx.record({
      label: 'HTTP POST /customers, 16 connections, SQLite FULL',
      value: r['2xx'] / seconds,
      unit: 'customers/s',
    })
    ctx.record({ label: 'HTTP: failed responses (non-2xx + errors)', value: r.non2xx + r.errors, unit: 'responses' })
    ctx.record({ label: `HTTP: duplicate codes in ${check.codes}`, value: check.duplicates, unit: 'codes' })
    ctx.record({ label: `HTTP: serial gaps in ${check.codes}`, value: check.gaps, unit: 'serials' })
  } finally {
    await server.close()
    await s.db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function run(ctx: BenchContext): Promise<void> {
  await sqliteRun(ctx, 'FULL')
  await sqliteRun(ctx, 'NORMAL')
  if (ctx.pgUrl) await postgresRun(ctx, ctx.pgUrl)
  else ctx.log('KEHU_BENCH_PG_URL / KEHU_TEST_PG_URL unset: PostgreSQL skipped')
  await httpRun(ctx)
}
