import { customerJson, FindCustomersInput, findCustomers } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt, numberFlag, parseOptions } from '../shared.js'
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
      // By the list route's own schema, before the database is opened.
      const { limit, offset } = parseOptions(FindCustomersInput.pick({ limit: true, offset: true }), {
        ...(o.limit === undefined ? {} : { limit: numberFlag(o.limit as string) }),
        ...(o.offset === undefined ? {} : { offset: numberFlag(o.offset as string) }),
      })
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
