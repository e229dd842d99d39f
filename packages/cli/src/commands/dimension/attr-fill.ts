import { fillAttribute } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerAttrFill(parent: Command, io: Io) {
  parent
    .command('fill <code> <value>')
    .description(
      say(
        io,
        '把一个值补填到所有未填该属性的客户（先用 --dry-run 看人数）',
        'fill one value into every customer without a value (see the count first with --dry-run)',
      ),
    )
    .option('--dry-run', say(io, '只统计会补填几个客户', 'only count the customers it would fill'))
    .option(...jsonOpt(io))
    .action(async (code: string, value: string, opts: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        fillAttribute(rt.ctx((await tenantOf(cmd, rt)).code), code, { value, dryRun: opts.dryRun ?? false }),
      )
      if (opts.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        r.dryRun
          ? say(
              io,
              `将为 ${r.filled} 个客户填入 ${value}（未修改）`,
              `Would fill ${value} into ${r.filled} customers (nothing changed)`,
            )
          : say(io, `已为 ${r.filled} 个客户填入 ${value}`, `Filled ${value} into ${r.filled} customers`),
      )
    })
}
