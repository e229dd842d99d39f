import { createCodeRule } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { type RuleOpts, ruleInput, ruleOptions } from './shared.js'

export function registerRuleCreate(parent: Command, io: Io) {
  ruleOptions(
    parent
      .command('create <name> <pattern>')
      .description(
        say(
          io,
          '新建规则（按账套检查，拒绝时列出全部理由）',
          'create a rule (checked against the tenant; refusals list every reason)',
        ),
      ),
    io,
  )
    .option(...jsonOpt(io))
    .action(async (name: string, pattern: string, o: RuleOpts & { json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        createCodeRule(rt.ctx((await tenantOf(cmd, rt)).code), { ...ruleInput(o), name, pattern }),
      )
      io.out(
        o.json
          ? JSON.stringify(r, null, 2)
          : say(io, `已新建规则“${r.name}”：${r.pattern}`, `Created rule "${r.name}": ${r.pattern}`),
      )
    })
}
