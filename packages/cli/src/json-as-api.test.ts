import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp, type KehuApp } from '@kehu/server'
import { testKinds, withDatabase } from '@kehu/storage/testing'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Io } from './io.js'
import { runCli } from './program.js'
import { cliActorLabel, openRuntime, type Runtime } from './runtime.js'

// The presenter in app shapes what both edges show; here the CLI's --json and the API's body for the same
// question on the same database must be equal, so a change to one that skips the presenter fails.
describe.each(testKinds())('the CLI prints what the API returns (%s)', (kind) => {
  const data = mkdtempSync(join(tmpdir(), 'kehu-cli-api-'))
  const pgName = `kehu_cli_api_${Math.random().toString(36).slice(2, 8)}`
  const pgUrl = kind === 'postgresql' ? withDatabase(process.env.KEHU_TEST_PG_URL as string, pgName) : undefined
  const where = pgUrl ? ['--database-url', pgUrl] : ['--data', data]
  let rt: Runtime
  let app: KehuApp

  const cli = async (args: string[], exit = 0) => {
    const out: string[] = []
    const err: string[] = []
    const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), lang: 'en' }
    const code = await runCli([...where, '--lang', 'en', ...args], io)
    expect(code).toBe(exit)
    if (exit === 0) expect(err).toEqual([])
    return JSON.parse(out.join('\n'))
  }
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await app.request(`/api/t/acme${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', 'x-kehu-request': '1' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    expect(r.status).toBe(200)
    return r.json()
  }

  beforeAll(async () => {
    if (pgUrl) {
      const admin = new pg.Client({ connectionString: process.env.KEHU_TEST_PG_URL })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${pgName}`)
      await admin.end()
    }
    await cli(['tenant', 'create', 'acme', '顶点公司', '--default', '--json'])
    await cli(['customer', 'create', '--name', '北京华信科技有限公司', '--json'])
    rt = await openRuntime({ dataDir: data, databaseUrl: pgUrl, actorLabel: cliActorLabel() })
    app = createApp({ deps: rt.deps, actor: rt.actor, version: 'test', database: kind })
  })
  afterAll(async () => {
    await rt?.close()
    rmSync(data, { recursive: true, force: true })
    if (pgUrl) {
      const admin = new pg.Client({ connectionString: process.env.KEHU_TEST_PG_URL })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`)
      await admin.end()
    }
  })

  it('the code audit, counters’ capacity, a refused pattern check and a new customer’s code preview', async () => {
    expect(await cli(['code', 'audit', '--json'])).toEqual(await api('GET', '/codes/audit'))
    const capacity = await cli(['code', 'capacity', '--json'])
    expect(capacity[0].scope).toEqual(expect.any(String))
    expect({ items: capacity }).toEqual(await api('GET', '/codes/capacity'))
    // A refused check prints the same body and then exits 2.
    const refused = await cli(['--tenant', 'acme', 'code', 'check', '{serial:2}{serial:3}', '--json'], 2)
    expect(refused.issues.length).toBeGreaterThan(0)
    expect(refused).toEqual(await api('POST', '/code-rules/check', { pattern: '{serial:2}{serial:3}' }))
    expect(await cli(['--tenant', 'acme', 'code', 'check', '{type}-{serial:4}', '--json'])).toEqual(
      await api('POST', '/code-rules/check', { pattern: '{type}-{serial:4}' }),
    )
    const preview = await cli(['customer', 'create', '--class', 'NOPE', '--dry-run', '--json'])
    expect(preview.issues[0].message).toContain('NOPE')
    expect(preview).toEqual(await api('POST', '/customers/code-preview', { class: 'NOPE' }))
  })
})
