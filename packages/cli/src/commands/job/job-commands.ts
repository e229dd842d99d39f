import { cancelJob, getJob, type JobView, ListJobsInput, listJobs } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { progressText } from '../../job-progress.js'
import { inTenant, jsonOpt, numberFlag, parseOptions } from '../shared.js'

const STATUS = {
  queued: ['排队中', 'queued'],
  running: ['运行中', 'running'],
  done: ['已完成', 'done'],
  failed: ['失败', 'failed'],
  cancelled: ['已取消', 'cancelled'],
} as const

const statusText = (io: Io, j: JobView) => {
  const [zh, en] = STATUS[j.status]
  return say(io, zh, en) + (j.cancelRequested && j.status === 'running' ? say(io, '（正在取消）', ' (cancelling)') : '')
}

function printJob(io: Io, j: JobView) {
  io.out(`${say(io, '任务', 'Job')} ${j.id}  ${j.kind}  ${statusText(io, j)}`)
  io.out(`${say(io, '进度', 'Progress')}: ${progressText(io, j.progress)}`)
  io.out(`${say(io, '发起人', 'Started by')}: ${j.createdBy}  ${j.createdAt}`)
  if (j.finishedAt) io.out(`${say(io, '结束于', 'Finished')}: ${j.finishedAt}`)
  if (j.error) io.out(`${say(io, '错误', 'Error')}: ${j.error.message} (${j.error.code})`)
  if (j.result !== null && j.result !== undefined)
    io.out(`${say(io, '结果', 'Result')}: ${JSON.stringify(j.result, null, 2)}`)
}

/** `kehu job list|show|cancel`: long work and where it stands. */
export function registerJobCommands(program: Command, io: Io) {
  const job = program
    .command('job')
    .description(
      say(
        io,
        '任务（导入等长时间工作）：进度、结果、取消',
        'jobs (imports and other long work): progress, result, cancel',
      ),
    )
  job
    .command('list')
    .description(
      say(
        io,
        '任务列表（最新在前）：自己的，管理员看全部',
        'jobs, newest first: your own, or everyone’s for an administrator',
      ),
    )
    .option('--kind <kind>', say(io, '只看这种任务，如 import', 'only this kind, e.g. import'))
    .option('--mine', say(io, '只看自己发起的', 'only the ones you started'))
    .option('--limit <n>', say(io, '条数，1–200（默认 50）', 'how many, 1–200 (default 50)'), numberFlag)
    .option(...jsonOpt(io))
    .action(async (o: { kind?: string; mine?: boolean; limit?: number | string; json?: boolean }, cmd: Command) => {
      const input = parseOptions(ListJobsInput, { kind: o.kind, mine: o.mine, limit: o.limit })
      const items = await inTenant(cmd, (rt, tenant) => listJobs(rt.ctx(tenant), input))
      if (o.json) return io.out(JSON.stringify(items, null, 2))
      if (items.length === 0) return io.out(say(io, '还没有任务', 'No jobs yet'))
      const [id, kind, status, progress, by, at] = say(
        io,
        'ID 类型 状态 进度 发起人 时间',
        'ID kind status progress by at',
      ).split(' ') as string[]
      io.out(
        table(
          items.map((j) => ({
            [id as string]: j.id,
            [kind as string]: j.kind,
            [status as string]: statusText(io, j),
            [progress as string]: progressText(io, j.progress),
            [by as string]: j.createdBy,
            [at as string]: j.createdAt,
          })),
          [id, kind, status, progress, by, at] as string[],
        ),
      )
    })
  job
    .command('show <id>')
    .description(say(io, '一个任务的状态、进度和结果', "a job's status, progress and result"))
    .option(...jsonOpt(io))
    .action(async (id: string, o: { json?: boolean }, cmd: Command) => {
      const j = await inTenant(cmd, (rt, tenant) => getJob(rt.ctx(tenant), id))
      if (o.json) return io.out(JSON.stringify(j, null, 2))
      printJob(io, j)
    })
  job
    .command('cancel <id>')
    .description(
      say(
        io,
        '取消任务：排队的立即取消，运行中的在下一批次前停下（已提交的保留）',
        'cancel a job: a queued one at once, a running one before its next batch (what it committed stays)',
      ),
    )
    .option(...jsonOpt(io))
    .action(async (id: string, o: { json?: boolean }, cmd: Command) => {
      const j = await inTenant(cmd, (rt, tenant) => cancelJob(rt.ctx(tenant), id))
      if (o.json) return io.out(JSON.stringify(j, null, 2))
      printJob(io, j)
    })
}
