import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { EVERY_CUSTOMER, type Tx } from '@kehu/core'
import { createStore, migrate, openDatabase, systemClock, uuidIds } from '@kehu/storage'
import { testKinds } from '@kehu/storage/testing'
import { describe, expect, it } from 'vitest'
import { createNode } from '../classification/create-node.js'
import { forTenant } from '../context.js'
import { createCustomer } from '../customers/create-customer.js'
import type { Deps } from '../deps.js'
import { createTenant } from '../tenancy/create-tenant.js'
import { ensureLocalAdmin } from '../tenancy/local-admin.js'
import { setupAppTest } from '../testing/app-test.js'
import { updateCodeRule } from './update-code-rule.js'

const TYPES = ['A', 'B', 'C', 'D']
// 10,000 as the issue asks with KEHU_CONCURRENCY_CUSTOMERS=10000 (CI sets it); the default keeps a local run short
// on a loaded two-core machine (each create is a full createCustomer: classes, rule, attributes, audit).
const N = Number(process.env.KEHU_CONCURRENCY_CUSTOMERS ?? 1000)
const run = promisify(execFile)
const root = fileURLToPath(new URL('../../../../', import.meta.url))

async function prepare(deps: Deps, tenant: string) {
  const actor = await ensureLocalAdmin(deps, 'test')
  const ctx = forTenant({ deps, actor, lang: 'zh-CN' }, tenant)
  await createTenant(ctx, { code: tenant, name: '并发账套' })
  for (const t of TYPES) await createNode(ctx, 'type', { code: t, name: `类型${t}` })
  await updateCodeRule(ctx, '默认规则', { pattern: '{type}-{serial:5}' })
  return actor
}

/** No code twice, and per scope the serials are exactly 1..n (no gap). */
async function assertDenseAndUnique(deps: Deps, tenant: string, expected: number) {
  const codes = await deps.store.read(async (tx: Tx) => {
    const t = await tx.tenants.byCode(tenant)
    return tx.codes.listLive(t?.id as string, EVERY_CUSTOMER)
  })
  expect(codes).toHaveLength(expected)
  expect(new Set(codes.map((c) => c.code)).size).toBe(expected)
  const byScope = new Map<string, number[]>()
  for (const c of codes) byScope.set(c.scopeKey ?? '', [...(byScope.get(c.scopeKey ?? '') ?? []), c.serial as number])
  expect([...byScope.keys()].sort()).toEqual(TYPES.map((t) => `type=${t}`))
  for (const serials of byScope.values()) {
    serials.sort((a, b) => a - b)
    expect(serials).toEqual(serials.map((_, i) => i + 1))
  }
}

describe('code allocation under parallel creates', () => {
  it(`4 processes on one SQLite file: ${N} customers over 4 scopes, no duplicate, no gap`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kehu-conc-'))
    try {
      const db = await openDatabase({ dataDir: dir, synchronous: 'NORMAL' })
      await migrate(db)
      const deps: Deps = { store: createStore(db), clock: systemClock, ids: uuidIds }
      await prepare(deps, 'conc')
      await db.close()
      const hook = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(new URL('bench/resolve-src.mjs', `file://${root}`).href)})`
      const worker = fileURLToPath(new URL('../testing/create-customers-worker.ts', import.meta.url))
      const outs = await Promise.all(
        [1, 2, 3, 4].map((w) =>
          run(
            process.execPath,
            ['--import', 'tsx', '--import', hook, worker, dir, 'conc', String(N / 4), TYPES.join(','), String(w)],
            {
              cwd: root,
            },
          ),
        ),
      )
      const results = outs.map((o) => JSON.parse(o.stdout) as { created: number; busy: number })
      expect(results.map((r) => r.created)).toEqual([N / 4, N / 4, N / 4, N / 4])
      console.info(
        `SQLite, 4 processes: ${N} creates, ${results.reduce((n, r) => n + r.busy, 0)} retried after busy_timeout`,
      )
      const again = await openDatabase({ dataDir: dir })
      try {
        await assertDenseAndUnique({ store: createStore(again), clock: systemClock, ids: uuidIds }, 'conc', N)
      } finally {
        await again.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 600_000)

  it.runIf(testKinds().includes('postgresql'))(
    `8 concurrent PostgreSQL connections: ${N} customers over 4 scopes, no duplicate, no gap`,
    async () => {
      const t = await setupAppTest('postgresql')
      try {
        const actor = await prepare(t.deps, 'pgconc')
        let next = 0
        const worker = async () => {
          for (let i = next++; i < N; i = next++)
            await createCustomer(forTenant({ deps: t.deps, actor, lang: 'zh-CN' }, 'pgconc'), {
              name: `客户${i}`,
              type: TYPES[i % TYPES.length],
            })
        }
        await Promise.all(Array.from({ length: 8 }, worker))
        await assertDenseAndUnique(t.deps, 'pgconc', N)
      } finally {
        await t.dispose()
      }
    },
    600_000,
  )

  it.each(testKinds())('a create that fails after allocation returns its number (%s)', async (kind) => {
    const t = await setupAppTest(kind)
    try {
      const actor = await prepare(t.deps, 'rollback')
      expect(
        (await createCustomer(forTenant({ deps: t.deps, actor, lang: 'zh-CN' }, 'rollback'), { name: '一', type: 'A' }))
          .customer.code,
      ).toBe('A-00001')
      // The same store, except that the customer insert fails after the code was allocated and registered.
      const failing: Deps = {
        ...t.deps,
        store: {
          ...t.deps.store,
          kind: t.deps.store.kind,
          read: (fn) => t.deps.store.read(fn),
          transaction: (fn) =>
            t.deps.store.transaction((tx) =>
              fn({
                ...tx,
                customers: {
                  ...tx.customers,
                  insert: async () => {
                    throw new Error('disk full')
                  },
                },
              }),
            ),
        },
      }
      await expect(
        createCustomer(forTenant({ deps: failing, actor, lang: 'zh-CN' }, 'rollback'), { name: '二', type: 'A' }),
      ).rejects.toThrow('disk full')
      expect(
        (await createCustomer(forTenant({ deps: t.deps, actor, lang: 'zh-CN' }, 'rollback'), { name: '三', type: 'A' }))
          .customer.code,
      ).toBe('A-00002')
      await assertRegistry(t.deps, 'rollback', ['A-00001', 'A-00002'])
    } finally {
      await t.dispose()
    }
  })
})

async function assertRegistry(deps: Deps, tenant: string, codes: string[]) {
  const live = await deps.store.read(async (tx: Tx) =>
    tx.codes.listLive((await tx.tenants.byCode(tenant))?.id as string, EVERY_CUSTOMER),
  )
  expect(live.map((c) => c.code)).toEqual(codes)
}
