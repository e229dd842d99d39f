// Jobs on both databases: runners that race, leases that end, cancel, and a foreground run killed with -9
// and run again — every row exactly once.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { EVERY_CUSTOMER, type Job } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../access/create-user.js'
import { grantRole } from '../access/memberships.js'
import { resolveActor } from '../access/resolve-actor.js'
import type { RequestContext } from '../context.js'
import { type AppTest, failure, setupAppTest } from '../testing/app-test.js'
import { rowsJob } from '../testing/test-job-kind.js'
import { cancelJob } from './cancel-job.js'
import { getJob } from './get-job.js'
import type { LeaseOptions } from './job-kind.js'
import { JobRunner } from './job-runner.js'
import { listJobs } from './list-jobs.js'
import { runJobInForeground } from './run-job-in-foreground.js'
import { startJob } from './start-job.js'

// Short enough for a test to wait out, long enough that a loaded machine renews in time.
const LEASE: LeaseOptions = { leaseMs: 3000, renewMs: 300 }
const root = fileURLToPath(new URL('../../../../', import.meta.url))

async function until<T>(what: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await what()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 30))
  }
}

describe.each(testKinds())('jobs on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind)
  })
  afterAll(() => t?.dispose())

  const customers = async (ctx: RequestContext) =>
    t.deps.store.read(async (tx) => {
      const tenant = await tx.tenants.byCode(ctx.tenant)
      const page = await tx.customers.find(tenant?.id as string, EVERY_CUSTOMER, { limit: 100_000, offset: 0 })
      return page.items.map((c) => c.name).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    })
  const rowNames = (n: number) => Array.from({ length: n }, (_, i) => `行${i}`)
  const row = async (ctx: RequestContext, id: string): Promise<Job> =>
    (await t.deps.store.read(async (tx) =>
      tx.jobs.byId((await tx.tenants.byCode(ctx.tenant))?.id as string, id),
    )) as Job
  const finished = (ctx: RequestContext, id: string) =>
    until(async () => {
      const j = await getJob(ctx, id)
      return ['done', 'failed', 'cancelled'].includes(j.status) && j
    })

  it('queues a job that a runner runs to its end, with progress, result and audit events', async () => {
    const ctx = t.ctx(await t.newTenant())
    const job = await startJob(ctx, rowsJob, { rows: 7, batch: 3 })
    expect(job).toMatchObject({ status: 'queued', kind: 'test-rows', attempts: 0 })
    const runner = new JobRunner(t.deps, [rowsJob], { lease: LEASE, pollMs: 50 })
    runner.start()
    try {
      const done = await finished(ctx, job.id)
      expect(done).toMatchObject({
        status: 'done',
        progress: { done: 7, total: 7 },
        result: { written: 7, resumedAt: 0 },
        error: null,
        createdBy: 'test',
      })
      expect(await customers(ctx)).toEqual(rowNames(7))
      expect((await listJobs(ctx)).map((j) => j.id)).toEqual([job.id])
      const events = await t.deps.store.read(async (tx) =>
        tx.audit.listFor((await tx.tenants.byCode(ctx.tenant))?.id as string, 'job', job.id),
      )
      expect(events.map((e) => [e.action, e.data])).toEqual([
        ['job.started', { kind: 'test-rows' }],
        ['job.finished', { kind: 'test-rows', status: 'done', error: null }],
      ])
    } finally {
      await runner.stop()
    }
  })

  it('fails a job whose work throws, keeping the error in both languages', async () => {
    const ctx = t.ctx(await t.newTenant())
    const failing = { ...rowsJob, kind: 'test-fails', run: async () => Promise.reject(new Error('disk on fire')) }
    const job = await startJob(ctx, failing, { rows: 1, batch: 1 })
    const runner = new JobRunner(t.deps, [failing], { lease: LEASE, pollMs: 50 })
    runner.start()
    try {
      const end = await finished(ctx, job.id)
      expect(end).toMatchObject({ status: 'failed', error: { code: 'JOB_FAILED' } })
      expect(end.error?.message).toContain('disk on fire')
    } finally {
      await runner.stop()
    }
  })

  it('two runners racing over many jobs run each exactly once', async () => {
    const ctx = t.ctx(await t.newTenant())
    const jobs = []
    for (let i = 0; i < 6; i++) jobs.push(await startJob(ctx, rowsJob, { rows: 4, batch: 2 }))
    const runners = [1, 2].map(() => new JobRunner(t.deps, [rowsJob], { lease: LEASE, pollMs: 10, concurrency: 2 }))
    for (const r of runners) r.start()
    try {
      for (const j of jobs) expect(await finished(ctx, j.id)).toMatchObject({ status: 'done', result: { written: 4 } })
    } finally {
      await Promise.all(runners.map((r) => r.stop()))
    }
    for (const j of jobs) expect((await row(ctx, j.id)).attempts).toBe(1)
    // 6 jobs × 4 rows, each row name written by every job once: 6 of each.
    expect(await customers(ctx)).toEqual(rowNames(4).flatMap((n) => Array(6).fill(n)))
  })

  it('takes over a job whose holder stopped renewing and resumes from its checkpoint', async () => {
    const ctx = t.ctx(await t.newTenant())
    // Its own kind: no other test's job is claimable by it.
    const kindOf = { ...rowsJob, kind: 'test-rows-taken-over' }
    const job = await startJob(ctx, kindOf, { rows: 9, batch: 3 })
    // A holder on another host commits one batch with its checkpoint, then goes silent.
    const now = Date.now()
    await t.deps.store.transaction(async (tx) => {
      const claimed = await tx.jobs.claim(
        [kindOf.kind],
        'elsewhere:1',
        new Date(now).toISOString(),
        new Date(now + 300).toISOString(),
      )
      expect(claimed?.id).toBe(job.id)
    })
    await t.deps.store.transaction(async (tx) => {
      const hold = await tx.jobs.saveProgress(job.tenantId, job.id, 'elsewhere:1', {
        progress: { done: 3, total: 9 },
        leaseUntil: new Date(now + 300).toISOString(),
        checkpoint: { row: 3 },
      })
      expect(hold).toEqual({ cancelRequested: false })
      const { createCustomerInTx } = await import('../customers/create-customer.js')
      for (const name of ['行0', '行1', '行2']) await createCustomerInTx(ctx, tx, { name })
    })
    const runner = new JobRunner(t.deps, [kindOf], { lease: LEASE, pollMs: 50 })
    await until(async () => Date.now() > now + 300)
    runner.start()
    try {
      expect(await finished(ctx, job.id)).toMatchObject({ status: 'done', result: { written: 6, resumedAt: 3 } })
    } finally {
      await runner.stop()
    }
    expect((await row(ctx, job.id)).attempts).toBe(2)
    expect(await customers(ctx)).toEqual(rowNames(9))
    // The silent holder's late writes change nothing.
    expect(
      await t.deps.store.transaction((tx) =>
        tx.jobs.finish(job.tenantId, job.id, 'elsewhere:1', {
          status: 'failed',
          result: null,
          error: null,
          progress: { done: 0 },
          at: new Date().toISOString(),
        }),
      ),
    ).toBe(false)
  })

  it('cancels a queued job at once and a running one at its next step, keeping what it committed', async () => {
    const ctx = t.ctx(await t.newTenant())
    const queued = await startJob(ctx, rowsJob, { rows: 5, batch: 1 })
    expect(await cancelJob(ctx, queued.id)).toMatchObject({ status: 'cancelled', cancelRequested: true })

    const job = await startJob(ctx, rowsJob, { rows: 1000, batch: 2, pauseMs: 20 })
    const runner = new JobRunner(t.deps, [rowsJob], { lease: LEASE, pollMs: 20 })
    runner.start()
    try {
      await until(async () => (await getJob(ctx, job.id)).progress.done >= 4)
      expect(await cancelJob(ctx, job.id)).toMatchObject({ status: 'running', cancelRequested: true })
      const end = await finished(ctx, job.id)
      expect(end.status).toBe('cancelled')
      expect(await customers(ctx)).toEqual(rowNames(end.progress.done))
    } finally {
      await runner.stop()
    }
    expect(await cancelJob(ctx, job.id)).toMatchObject({ status: 'cancelled' })
  })

  it('gives its jobs back on stop; the next runner resumes them from the checkpoint', async () => {
    const ctx = t.ctx(await t.newTenant())
    const job = await startJob(ctx, rowsJob, { rows: 40, batch: 2, pauseMs: 20 })
    const first = new JobRunner(t.deps, [rowsJob], { lease: LEASE, pollMs: 20 })
    first.start()
    await until(async () => (await getJob(ctx, job.id)).progress.done >= 4)
    await first.stop()
    const paused = await row(ctx, job.id)
    expect(paused).toMatchObject({ status: 'queued', leaseOwner: null })
    const second = new JobRunner(t.deps, [rowsJob], { lease: LEASE, pollMs: 20 })
    second.start()
    try {
      const end = await finished(ctx, job.id)
      expect(end).toMatchObject({
        status: 'done',
        result: { resumedAt: (paused.checkpoint as { row: number }).row },
      })
    } finally {
      await second.stop()
    }
    expect(await customers(ctx)).toEqual(rowNames(40))
  })

  it('shows a job only to its creator and administrators; starting needs the kind’s permission', async () => {
    const tenant = await t.newTenant()
    const ctx = t.ctx(tenant)
    const job = await startJob(ctx, rowsJob, { rows: 1, batch: 1 })
    const login = `reader${Math.random().toString(36).slice(2, 8)}`
    const user = await createUser(t.base, { login })
    await grantRole(ctx, { login, role: 'readonly' })
    const reader = { ...ctx, actor: await resolveActor(t.deps, user.id, tenant) }
    expect((await failure(getJob(reader, job.id))).code).toBe('JOB_NOT_FOUND')
    expect((await failure(cancelJob(reader, job.id))).code).toBe('JOB_NOT_FOUND')
    expect(await listJobs(reader)).toEqual([])
    expect((await failure(startJob(reader, rowsJob, { rows: 1, batch: 1 }))).code).toBe('ACCESS_DENIED')
    expect((await failure(getJob(ctx, 'no-such-job'))).code).toBe('JOB_NOT_FOUND')
    expect((await failure(startJob(ctx, rowsJob, { rows: -1, batch: 1 }))).code).toBe('JOB_INVALID')
  })

  it('a foreground run killed with -9 is taken over by the next run of the same command: every row once', async () => {
    const tenant = await t.newTenant()
    const ctx = t.ctx(tenant)
    const params = { rows: 60, batch: 3, pauseMs: 30, resumeKey: 'file-sha256:abc' }
    const hook = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(new URL('bench/resolve-src.mjs', `file://${root}`).href)})`
    const worker = fileURLToPath(new URL('../testing/run-job-worker.ts', import.meta.url))
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', hook, worker, JSON.stringify(t.db.config), tenant, JSON.stringify(params)],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const exited = new Promise((r) => child.on('exit', r))
    let seen = 0
    await new Promise<void>((resolve, reject) => {
      child.on('exit', () => reject(new Error('the worker ended before it was killed')))
      child.stdout.on('data', (b: Buffer) => {
        for (const line of b.toString().split('\n').filter(Boolean)) seen = JSON.parse(line).done
        if (seen >= 9) resolve()
      })
    })
    child.kill('SIGKILL')
    await exited
    const left = (await listJobs(ctx))[0]
    expect(left).toMatchObject({ status: 'running' })
    expect(left?.progress.done).toBeGreaterThanOrEqual(9)

    // The lease (30 s) has not ended, but its holder's process is gone: the re-run takes over at once.
    const { job, result } = await runJobInForeground(ctx, rowsJob, params)
    expect(job).toMatchObject({ id: left?.id, status: 'done', attempts: 2 })
    expect(result.resumedAt).toBeGreaterThanOrEqual(9)
    expect(await customers(ctx)).toEqual(rowNames(60))

    // A job whose holder lives is not taken over.
    const busy = { ...params, resumeKey: 'file-sha256:busy' }
    const runner = new JobRunner(t.deps, [rowsJob], { lease: LEASE, pollMs: 20 })
    const queued = await startJob(ctx, rowsJob, { ...busy, rows: 1000 })
    runner.start()
    try {
      await until(async () => (await getJob(ctx, queued.id)).status === 'running')
      expect((await failure(runJobInForeground(ctx, rowsJob, busy))).code).toBe('JOB_BUSY')
      await cancelJob(ctx, queued.id)
      await finished(ctx, queued.id)
    } finally {
      await runner.stop()
    }
  }, 60_000)
})
