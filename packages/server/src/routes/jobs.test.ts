// Jobs over HTTP: a long write answers 202 with a job, the job is followed to its end, cancelled, and hidden
// from other users.
import { createApiToken, createUser, grantRole, JobRunner } from '@kehu/app'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverJobKinds } from '../job-kinds.js'
import { type ServerTest, setupServerTest } from '../testing/server-test.js'

describe.each(testKinds())('job routes on %s', (kind) => {
  let s: ServerTest
  beforeAll(async () => {
    s = await setupServerTest(kind)
  })
  afterAll(() => s?.dispose())

  const call = (method: string, path: string, headers: Record<string, string> = {}) =>
    s.app.request(`/api/t/${s.tenant}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
    })

  it('starts the code-audit fix as a job (202), which a runner finishes; the job shows progress and result', async () => {
    let r = await call('POST', '/codes/audit/fix')
    expect(r.status).toBe(202)
    const { job } = (await r.json()) as { job: { id: string; status: string; kind: string } }
    expect(job).toMatchObject({ status: 'queued', kind: 'code-audit-fix' })
    r = await call('GET', '/jobs')
    expect(((await r.json()) as { items: { id: string }[] }).items.map((j) => j.id)).toContain(job.id)

    const runner = new JobRunner(s.deps, serverJobKinds(undefined).all, { pollMs: 20 })
    runner.start()
    try {
      let view: { status: string; progress: { done: number }; result: unknown } | undefined
      for (let i = 0; i < 200 && view?.status !== 'done'; i++) {
        await new Promise((res) => setTimeout(res, 25))
        view = (await (await call('GET', `/jobs/${job.id}`)).json()) as typeof view
      }
      expect(view).toMatchObject({
        status: 'done',
        progress: { phase: 'fix', done: 1, total: 1 },
        result: { checked: 1, fixed: 0, counts: { duplicate: 0, malformed: 0, 'off-rule': 0, 'counter-behind': 0 } },
      })
    } finally {
      await runner.stop()
    }
    // Cancelling a finished job changes nothing.
    r = await call('POST', `/jobs/${job.id}/cancel`)
    expect(((await r.json()) as { status: string }).status).toBe('done')
  })

  it('cancels a queued job; someone else’s job and a missing one are 404 problems', async () => {
    const { job } = (await (await call('POST', '/codes/audit/fix')).json()) as { job: { id: string } }
    let r = await call('POST', `/jobs/${job.id}/cancel`)
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ status: 'cancelled', cancelRequested: true })

    r = await call('GET', '/jobs/01930000-0000-7000-8000-000000000000')
    expect(r.status).toBe(404)
    expect(await r.json()).toMatchObject({ code: 'JOB_NOT_FOUND' })

    // A member with a role of the tenant, but not the job's creator nor an administrator.
    const login = `viewer${Math.random().toString(36).slice(2, 7)}`
    await createUser(s.ctx, { login })
    await grantRole(s.ctx, { login, role: 'readonly' })
    const token = await createApiToken(s.ctx, { login, name: 'ro' })
    r = await call('GET', `/jobs/${job.id}`, { authorization: `Bearer ${token.secret}` })
    expect(r.status).toBe(404)
    r = await call('GET', '/jobs', { authorization: `Bearer ${token.secret}` })
    expect(await r.json()).toEqual({ items: [] })
  })
})
