import { batchAssign, previewBatchAssign } from '@kehu/app'
import type { Filter } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { parseJsonInput } from '../../json-input.js'
import { inTenant, jsonOpt } from '../shared.js'

export function registerAssign(parent: Command, io: Io) {
  parent
    .command('assign <scheme> <node>')
    .description(
      say(
        io,
        '批量归类：--customers 编码列表或 --filter 筛选条件；先预览人数，加 --yes 执行',
        'batch assignment: --customers codes or --filter; previews the count, --yes applies',
      ),
    )
    .option('--customers <codes>', say(io, '客户编码，逗号分隔', 'customer codes, comma separated'))
    .option('--filter <json>', say(io, '筛选条件 JSON，如 {"all":[…]}', 'filter JSON such as {"all":[…]}'))
    .option('--yes', say(io, '执行（否则只预览）', 'apply (otherwise only preview)'))
    .option(...jsonOpt(io))
    .action(
      async (
        schemeCode: string,
        node: string,
        o: { customers?: string; filter?: string; yes?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const input = {
          node,
          ...(o.customers !== undefined
            ? {
                customerIds: o.customers
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              }
            : {}),
          ...(o.filter !== undefined ? { filter: parseJsonInput(o.filter, '--filter') as Filter } : {}),
        }
        const r = await inTenant(cmd, (rt, t) =>
          o.yes ? batchAssign(rt.ctx(t), schemeCode, input) : previewBatchAssign(rt.ctx(t), schemeCode, input),
        )
        if (o.json) return io.out(JSON.stringify(r, null, 2))
        if ('assigned' in r)
          io.out(
            say(
              io,
              `已把 ${r.assigned} 个客户归入 (${r.node}) ${r.nodeName}`,
              `Assigned ${r.assigned} customers to (${r.node}) ${r.nodeName}`,
            ),
          )
        else {
          io.out(table(r.sample, ['code', 'name', 'from']))
          io.out(
            say(
              io,
              `预览：${r.count} 个客户将归入 (${r.node}) ${r.nodeName}（已在其中 ${r.alreadyThere} 个）。加 --yes 执行`,
              `Preview: ${r.count} customers go to (${r.node}) ${r.nodeName} (${r.alreadyThere} already there). Add --yes to apply`,
            ),
          )
        }
      },
    )
}
