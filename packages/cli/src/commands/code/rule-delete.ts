import { deleteCodeRule } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'

export function registerRuleDelete(parent: Command, io: Io) {
  parent
    .command('delete <name>')
    .description(say(io, '删除未发过编码的非默认规则', 'delete a rule that never issued a code and is not the default'))
    .action(async (name: string, _o: unknown, cmd: Command) => {
      await withRuntime(cmd, async (rt) => deleteCodeRule(rt.ctx((await tenantOf(cmd, rt)).code), name))
      io.out(say(io, `已删除规则“${name}”`, `Deleted rule "${name}"`))
    })
}
