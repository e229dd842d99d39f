import { findCustomers, listCodeRules, listMembers, listTenants, signIn } from '@kehu/app'
import { setupAppTest as setup } from '@kehu/app/testing'
import { testKinds } from '@kehu/storage/testing'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createDemoUsers, DEMO_TENANT, demoSerialWidth, demoUsersBanner, loadDemo } from './demo.js'

describe('serial widths for the demo', () => {
  it('fit the number of customers asked for', () => {
    expect([300, 999, 1000, 100_000].map((n) => demoSerialWidth(n, 3))).toEqual([3, 3, 4, 6])
    expect([300, 100_000, 1_000_000].map((n) => demoSerialWidth(n, 5))).toEqual([5, 6, 7])
  })
})

describe.each(testKinds())('kehu demo on %s', (kind) => {
  it('comes with a user for each built-in role, the 业务员 only in class 01 and below, each password signing in', async () => {
    const t = await setup(kind)
    try {
      await loadDemo(t.base, { customers: 20 })
      const users = await createDemoUsers(t.base)
      const members = await listMembers(t.ctx(DEMO_TENANT))
      expect(
        members.map((m) => [
          m.login,
          m.roles,
          m.scopes.map((s) => s.kind === 'node' && [s.schemeCode, s.nodeCode, s.subtree]),
        ]),
      ).toEqual([
        ['admin', ['admin'], []],
        ['clerk', ['clerk'], []],
        ['readonly', ['readonly'], []],
        ['sales', ['sales'], [['class', '01', true]]],
      ])
      expect(new Set(users.map((u) => u.password)).size).toBe(4)
      for (const u of users) {
        expect(u.password).toMatch(/^[\w-]{12}$/)
        const signed = await signIn(
          t.deps,
          { login: u.login, password: u.password },
          { address: null, userAgent: null },
        )
        expect(signed.user.login).toBe(u.login)
      }
      const banner = demoUsersBanner(users).join('\n')
      expect(banner).toContain('只显示这一次')
      expect(banner).toContain('shown only this once')
      for (const u of users) expect(banner).toContain(u.password)
    } finally {
      await t.dispose()
    }
  }, 120_000)

  it('a load that fails part-way leaves no tenant and no row behind', async () => {
    const t = await setup(kind)
    try {
      const batches: number[] = []
      await expect(
        loadDemo(t.base, {
          customers: 300,
          batchSize: 100,
          progress: (done) => {
            batches.push(done)
            // stands for any failure after the first batch was committed (a full disk, an interrupt)
            if (done === 200) throw new Error('interrupted')
          },
        }),
      ).rejects.toThrow('interrupted')
      expect(batches).toEqual([100, 200])
      expect((await listTenants(t.base)).map((x) => x.code)).not.toContain(DEMO_TENANT)
      const tables =
        kind === 'sqlite'
          ? await sql<{ name: string }>`select m.name from sqlite_master m join pragma_table_info(m.name) p
              where m.type = 'table' and p.name = 'tenant_id'`.execute(t.db.db)
          : await sql<{ name: string }>`select table_name as name from information_schema.columns
              where column_name = 'tenant_id' and table_schema = current_schema()`.execute(t.db.db)
      expect(tables.rows.length).toBeGreaterThan(10)
      for (const { name } of tables.rows) {
        const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(t.db.db)
        expect([name, Number(r.rows[0]?.n)]).toEqual([name, 0])
      }
    } finally {
      await t.dispose()
    }
  }, 120_000)

  // more than 999 of one type needs about 6,000 customers: SQLite loads them in seconds, PostgreSQL here in minutes
  const size = kind === 'sqlite' ? 6000 : 1500
  it(`${size} customers load in batches of 500, the type-prefix serials as wide as the count needs`, async () => {
    const t = await setup(kind)
    try {
      const seen: number[] = []
      const n = await loadDemo(t.base, { customers: size, progress: (done) => seen.push(done) })
      expect(n).toBe(size)
      expect(seen).toEqual(Array.from({ length: size / 500 }, (_, i) => (i + 1) * 500))
      const rules = await listCodeRules(t.ctx(DEMO_TENANT))
      expect(rules.map((r) => r.pattern).sort()).toEqual([
        '{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}',
        '{type}{serial:4}',
      ])
      const codes = async (q: string) =>
        (await findCustomers(t.ctx(DEMO_TENANT), { q, limit: 500, offset: 0 })).items.map((v) => v.customer.code)
      expect((await codes('RT0')).filter((c) => /^RT\d{4}$/.test(c)).length).toBeGreaterThan(0)
      // the old {serial:3} stopped at RT999 (at 5,577 customers)
      if (size === 6000) expect(await codes('RT1000')).toContain('RT1000')
    } finally {
      await t.dispose()
    }
  }, 300_000)
})
