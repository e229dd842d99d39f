import { customerJson, getCustomer } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { printCustomer } from './shared.js'

export function registerGet(parent: Command, io: Io) {
  parent
    .command('get <code>')
    .description(say(io, '查看客户（编码、旧编码或编号）', 'show a customer (code, old code or id)'))
    .option(...jsonOpt(io))
    .action(async (code: string, o: { json?: boolean }, cmd: Command) => {
      const d = await withRuntime(cmd, async (rt) => getCustomer(rt.ctx((await tenantOf(cmd, rt)).code), code))
      if (o.json)
        return io.out(
          JSON.stringify(
            { ...customerJson(d), codes: d.codes, ...(d.matchedAlias ? { matchedAlias: d.matchedAlias } : {}) },
            null,
            2,
          ),
        )
      if (d.matchedAlias)
        io.out(
          say(
            io,
            `（${d.matchedAlias} 是旧编码，现编码 ${d.customer.code}）`,
            `(${d.matchedAlias} is an old code; the code is now ${d.customer.code})`,
          ),
        )
      printCustomer(io, d)
    })
}
