import { listCodeRules } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { ruleRow } from './shared.js'

export function registerRuleList(parent: Command, io: Io) {
  parent
    .command('list')
    .description(say(io, '列出规则（按尝试顺序）', 'list rules (in the order they are tried)'))
    .option(...jsonOpt(io))
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) => listCodeRules(rt.ctx((await tenantOf(cmd, rt)).code)))
      io.out(
        o.json
          ? JSON.stringify(r, null, 2)
          : table(r.map(ruleRow), ['name', 'pattern', 'mode', 'onClash', 'default', 'enabled', 'condition']),
      )
    })
}
