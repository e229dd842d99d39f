import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { registerCreate } from './create.js'
import { registerDelete } from './delete.js'
import { registerGet } from './get.js'
import { registerHistory } from './history.js'
import { registerList } from './list.js'
import { registerStatus } from './status.js'
import { registerUpdate } from './update.js'

export function registerCustomerCommands(program: Command, io: Io) {
  const customer = program.command('customer').description(say(io, '客户档案', 'the customer archive (客户档案)'))
  registerCreate(customer, io)
  registerGet(customer, io)
  registerList(customer, io)
  registerUpdate(customer, io)
  registerStatus(customer, io)
  registerDelete(customer, io)
  registerHistory(customer, io)
}
