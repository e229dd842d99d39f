import { deleteDimension } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'

export function registerDelete(parent: Command, io: Io) {
  parent
    .command('delete <code>')
    .description(
      say(io, '删除管理维度（仍有客户填写其属性时拒绝）', 'delete a dimension (refused while customers hold values)'),
    )
    .action(async (code: string, _o: unknown, cmd: Command) => {
      await withRuntime(cmd, async (rt) => deleteDimension(rt.ctx((await tenantOf(cmd, rt)).code), code))
      io.out(say(io, `已删除管理维度 ${code}`, `Deleted dimension ${code}`))
    })
}
