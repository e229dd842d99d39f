import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { registerTokenCreate } from './create.js'
import { registerTokenList } from './list.js'
import { registerTokenRevoke } from './revoke.js'

export function registerTokenCommands(program: Command, io: Io) {
  const token = program.command('token').description(say(io, '用于系统集成的 API 令牌', 'API tokens for integrations'))
  registerTokenCreate(token, io)
  registerTokenList(token, io)
  registerTokenRevoke(token, io)
}
