import { getCustomerByCode } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerFind(parent: Command, io: Io) {
  parent
    .command('find <code>')
    .description(say(io, '按编码（含旧编码）查找客户', 'find a customer by a code, live or old'))
    .option(...jsonOpt(io))
    .action(async (c: string, o: { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) => getCustomerByCode(rt.ctx((await tenantOf(cmd, rt)).code), c))
      if (o.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        r.alias
          ? say(
              io,
              `${r.matched} 是旧编码：客户 ${r.customer.code} ${r.customer.name}`,
              `${r.matched} is an old code of ${r.customer.code} ${r.customer.name}`,
            )
          : `${r.customer.code} ${r.customer.name}`,
      )
    })
}
