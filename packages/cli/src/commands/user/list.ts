import { listUsers } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { printUsers } from './shared.js'

export function registerUserList(parent: Command, io: Io) {
  parent
    .command('list')
    .description(say(io, '列出用户及其在各账套的角色', 'list users and their roles per tenant'))
    .option(...jsonOpt(io))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      printUsers(io, await withRuntime(cmd, (rt) => listUsers(rt.base)), opts.json)
    })
}
