import { listCodeMaps } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerMapList(parent: Command, io: Io) {
  parent
    .command('list')
    .description(say(io, '列出对照表', 'list map tables'))
    .option(...jsonOpt(io))
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) => listCodeMaps(rt.ctx((await tenantOf(cmd, rt)).code)))
      if (o.json) return io.out(JSON.stringify(r, null, 2))
      for (const m of r) io.out(`${m.name}: ${m.entries.map((e) => `${e.value}=${e.short}`).join(', ')}`)
    })
}
