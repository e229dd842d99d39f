import { deleteClassRule } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant } from '../shared.js'

export function registerRuleDelete(parent: Command, io: Io) {
  parent
    .command('delete <scheme> <rule>')
    .description(say(io, '删除规则（名称或 id）', 'delete a rule (name or id)'))
    .action(async (schemeCode: string, ruleRef: string, _o: unknown, cmd: Command) => {
      await inTenant(cmd, (rt, t) => deleteClassRule(rt.ctx(t), schemeCode, ruleRef))
      io.out(say(io, `已删除规则 ${ruleRef}`, `Deleted rule ${ruleRef}`))
    })
}
