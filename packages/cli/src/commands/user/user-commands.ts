import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { registerUserCreate } from './create.js'
import { registerUserDisable } from './disable.js'
import { registerUserGrant } from './grant.js'
import { registerUserList } from './list.js'
import { registerUserPasswd } from './passwd.js'
import { registerUserUnlock } from './unlock.js'
import { registerUserUpdate } from './update.js'

export function registerUserCommands(program: Command, io: Io) {
  const user = program.command('user').description(say(io, '用户、密码与角色', 'users, passwords and roles'))
  registerUserCreate(user, io)
  registerUserList(user, io)
  registerUserUpdate(user, io)
  registerUserDisable(user, io)
  registerUserPasswd(user, io)
  registerUserGrant(user, io)
  registerUserUnlock(user, io)
}
