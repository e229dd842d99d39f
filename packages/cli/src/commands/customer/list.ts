import { customerJson, findCustomers } from '@kehu/app'
import { invalid, text } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { filterOf, filterOptions } from './shared.js'

export function registerList(parent: Command, io: Io) {
  filterOptions(parent.command('list'), io)
    .description(
      say(
        io,
        '查找客户：分类、地区等含下级；默认不含已归档',
        'find customers: classes and regions include their subtrees; archived ones only by --status',
      ),
    )
    .option('--limit <n>', say(io, '每页条数（默认 50，最多 500）', 'page size (default 50, at most 500)'))
    .option('--offset <n>', say(io, '跳过条数', 'rows to skip'))
    .option(...jsonOpt(io))
    .action(async (o: Record<string, string | string[] | boolean | undefined>, cmd: Command) => {
      const num = (v: unknown, flag: string) => {
        if (v === undefined) return undefined
        const n = Number(v)
        if (!Number.isInteger(n) || n < 0)
          throw invalid('CLI_NUMBER_INVALID', text(`${flag} 须为整数：${v}`, `${flag} must be an integer: ${v}`))
        return n
      }
      const limit = num(o.limit, '--limit')
      const offset = num(o.offset, '--offset')
      if (limit !== undefined && (limit < 1 || limit > 500))
        throw invalid('CLI_NUMBER_INVALID', text('--limit 须在 1–500 之间', '--limit must be 1–500'))
      const page = await withRuntime(cmd, async (rt) =>
        findCustomers(rt.ctx((await tenantOf(cmd, rt)).code), {
          ...filterOf(o),
          ...(limit !== undefined ? { limit } : {}),
          ...(offset !== undefined ? { offset } : {}),
        }),
      )
      if (o.json) return io.out(JSON.stringify({ ...page, items: page.items.map(customerJson) }, null, 2))
      io.out(
        table(
          page.items.map((v) => ({
            code: v.customer.code,
            name: v.customer.name,
            mnemonic: v.customer.mnemonic,
            class: v.nodes.class?.code,
            region: v.nodes.region?.code,
            status: v.customer.status,
          })),
          ['code', 'name', 'mnemonic', 'class', 'region', 'status'],
        ),
      )
      io.out(
        say(
          io,
          `共 ${page.total} 个，显示 ${page.offset + 1}–${page.offset + page.items.length}`,
          `${page.total} in all, showing ${page.offset + 1}–${page.offset + page.items.length}`,
        ),
      )
    })
}
