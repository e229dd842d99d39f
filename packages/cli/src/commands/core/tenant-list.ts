import { listTenants } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerTenantList(parent: Command, io: Io) {
  parent
    .command('list')
    .description(say(io, '列出账套', 'list tenants'))
    .option(...jsonOpt(io))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const list = await withRuntime(cmd, (rt) => listTenants(rt.base))
      if (opts.json) return io.out(JSON.stringify(list, null, 2))
      io.out(
        table(
          list.map((t) => ({ code: t.code, name: t.name, timeZone: t.timeZone, default: t.isDefault ? '*' : '' })),
          ['code', 'name', 'timeZone', 'default'],
        ),
      )
    })
}
