import { listSchemes } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { inTenant, jsonOpt } from '../shared.js'

export function registerSchemes(parent: Command, io: Io) {
  parent
    .command('schemes')
    .description(say(io, '列出分类体系及其编码方案', 'list classification schemes and their level schemes'))
    .option(...jsonOpt(io))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const list = await inTenant(cmd, (rt, t) => listSchemes(rt.ctx(t)))
      if (opts.json) return io.out(JSON.stringify(list, null, 2))
      io.out(
        table(
          list.map((s) => ({ ...s, levels: s.levels ?? say(io, '平面', 'flat'), leafOnly: s.leafOnly ? '✓' : '' })),
          ['code', 'name', 'levels', 'mask', 'leafOnly', 'nodeCount'],
        ),
      )
    })
}
