import { listClassRules } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { inTenant, jsonOpt } from '../shared.js'

export function registerRuleList(parent: Command, io: Io) {
  parent
    .command('list <scheme>')
    .description(say(io, '列出规则（按顺序）', 'list the rules in order'))
    .option(...jsonOpt(io))
    .action(async (schemeCode: string, o: { json?: boolean }, cmd: Command) => {
      const list = await inTenant(cmd, (rt, t) => listClassRules(rt.ctx(t), schemeCode))
      if (o.json) return io.out(JSON.stringify(list, null, 2))
      io.out(
        table(
          list.map((r) => ({ ...r, when: say(io, r.description.zh, r.description.en), enabled: r.enabled ? '✓' : '' })),
          ['position', 'name', 'when', 'node', 'enabled'],
        ),
      )
    })
}
