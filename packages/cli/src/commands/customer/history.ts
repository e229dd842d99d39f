import { customerHistory } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { printHistory } from './shared.js'

export function registerHistory(parent: Command, io: Io) {
  parent
    .command('history <code>')
    .description(say(io, '客户的修改履历：谁、何时、改前 → 改后', "a customer's history: who, when, before → after"))
    .option(...jsonOpt(io))
    .action(async (code: string, o: { json?: boolean }, cmd: Command) => {
      const items = await withRuntime(cmd, async (rt) => customerHistory(rt.ctx((await tenantOf(cmd, rt)).code), code))
      if (o.json) return io.out(JSON.stringify({ items }, null, 2))
      printHistory(io, items)
    })
}
