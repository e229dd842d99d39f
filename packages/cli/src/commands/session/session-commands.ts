import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { registerSessionList } from './list.js'
import { registerSessionRevoke } from './revoke.js'

export function registerSessionCommands(program: Command, io: Io) {
  const session = program.command('session').description(say(io, '登录会话', 'sign-in sessions'))
  registerSessionList(session, io)
  registerSessionRevoke(session, io)
}
