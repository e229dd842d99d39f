import { AuditSearchInput, searchAuditLog } from '@kehu/app'
import { EVENT_LABELS, isLogAction, pick } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withOptionNames } from '../../option-names.js'
import { printChanges } from '../customer/shared.js'
import { inTenant, jsonOpt, numberFlag, parseOptions } from '../shared.js'

interface ListOptions {
  actor?: string
  action?: string
  customer?: string
  since?: string
  until?: string
  limit?: number | string
  cursor?: string
  json?: boolean
}

export function registerAuditCommands(program: Command, io: Io) {
  const audit = program
    .command('audit')
    .description(say(io, '审计日志：修改、登录与权限变更', 'the audit log: changes, sign-ins and access changes'))
  audit
    .command('list')
    .description(
      say(
        io,
        '查询审计日志（最新在前），如 kehu audit list --customer V001 --since 2026-03-01',
        'search the audit log (newest first), e.g. kehu audit list --customer V001 --since 2026-03-01',
      ),
    )
    .option('--actor <text>', say(io, '操作人（部分即可，不分大小写）', 'who acted (any part, any case)'))
    .option('--action <kind>', say(io, '操作种类，如 customer.updated', 'the kind, e.g. customer.updated'))
    .option('--customer <code>', say(io, '客户编码：只看这位客户的事件', "a customer's code: only its events"))
    .option(
      '--since <when>',
      say(io, '起始日期（账套时区）或时间，如 2026-03-01', "from this day (the tenant's time zone) or time"),
    )
    .option('--until <when>', say(io, '截止日期（含当天）或时间', 'to this day (inclusive) or time'))
    .option('--limit <n>', say(io, '条数，1–200（默认 50）', 'how many, 1–200 (default 50)'), numberFlag)
    .option('--cursor <cursor>', say(io, '接着上一页查询（上一页给出的位置）', 'continue after the page that gave it'))
    .option(...jsonOpt(io))
    .action(async (o: ListOptions, cmd: Command) => {
      // the API's from/to are --since/--until here: errors name the options typed
      const page = await withOptionNames({ from: '--since', to: '--until' }, () => {
        const input = parseOptions(AuditSearchInput, {
          actor: o.actor,
          action: o.action,
          customer: o.customer,
          from: o.since,
          to: o.until,
          limit: o.limit,
          cursor: o.cursor,
        })
        return inTenant(cmd, (rt, tenant) => searchAuditLog(rt.ctx(tenant), input))
      })
      if (o.json) return io.out(JSON.stringify(page, null, 2))
      if (page.items.length === 0) io.out(say(io, '没有符合条件的事件', 'No events match'))
      for (const e of page.items) {
        const label = isLogAction(e.action) ? pick(EVENT_LABELS[e.action], io.lang) : e.action
        const where = e.address ? `  @${e.address}` : ''
        io.out(
          `${e.at}  ${e.actor}  ${label}${e.subject ? `  ${e.subject}` : ''}${where}${e.note ? `  (${e.note})` : ''}`,
        )
        printChanges(io, e.changes)
      }
      if (page.nextCursor) io.out(say(io, `更多：--cursor ${page.nextCursor}`, `More: --cursor ${page.nextCursor}`))
    })
}
