import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { registerDemo } from './demo.js'
import { registerMigrate } from './migrate.js'
import { registerServe } from './serve.js'
import { registerTenantCreate } from './tenant-create.js'
import { registerTenantList } from './tenant-list.js'

export function registerCoreCommands(program: Command, io: Io) {
  registerServe(program, io)
  registerMigrate(program, io)
  const tenant = program.command('tenant').description(say(io, '账套管理', 'tenants (账套)'))
  registerTenantCreate(tenant, io)
  registerTenantList(tenant, io)
  registerDemo(program, io)
}
