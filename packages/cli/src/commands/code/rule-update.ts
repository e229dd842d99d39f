import { updateCodeRule } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { type RuleOpts, ruleInput, ruleOptions } from './shared.js'

export function registerRuleUpdate(parent: Command, io: Io) {
  ruleOptions(
    parent
      .command('update <name>')
      .description(
        say(io, '修改规则（重新检查；已发出的编码保持不变）', 'change a rule (re-checked; issued codes stay)'),
      )
      .option('--pattern <pattern>', say(io, '新的编码规则', 'the new pattern'))
      .option('--name <new>', say(io, '新名称', 'a new name'))
      .option('--enabled', say(io, '启用', 'enabled')),
    io,
  )
    .option(...jsonOpt(io))
    .action(async (name: string, o: RuleOpts & { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        updateCodeRule(rt.ctx((await tenantOf(cmd, rt)).code), name, ruleInput(o)),
      )
      io.out(
        o.json
          ? JSON.stringify(r, null, 2)
          : say(io, `已修改规则“${r.name}”：${r.pattern}`, `Changed rule "${r.name}": ${r.pattern}`),
      )
    })
}
