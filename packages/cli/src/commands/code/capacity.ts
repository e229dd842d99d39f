import { capacityOut, capacityRows, codeCapacity } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerCapacity(parent: Command, io: Io) {
  parent
    .command('capacity')
    .description(
      say(
        io,
        '每个计数器：已用、剩余、近 30 天速度、预计用尽天数',
        'per counter: used, remaining, rate over 30 days, days until exhausted',
      ),
    )
    .option(...jsonOpt(io))
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) => codeCapacity(rt.ctx((await tenantOf(cmd, rt)).code)))
      if (o.json) return io.out(JSON.stringify(capacityOut(r, io.lang), null, 2))
      if (r.length === 0) return io.out(say(io, '还没有发出编码的计数器', 'No counter has issued a code yet'))
      io.out(
        table(capacityRows(r, io.lang), ['rule', 'scope', 'used', 'next', 'remaining', 'perDay', 'daysLeft', 'level']),
      )
    })
}
