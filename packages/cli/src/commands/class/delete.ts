import { deleteNode } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant } from '../shared.js'

export function registerDelete(parent: Command, io: Io) {
  parent
    .command('delete <scheme> <code>')
    .description(
      say(
        io,
        '删除分类（有下级或客户时拒绝，可先转移客户）',
        'delete a class (refused with children or customers; may move customers first)',
      ),
    )
    .option('--move-customers-to <code>', say(io, '先把客户移到此分类', 'move its customers to this class first'))
    .action(async (scheme: string, code: string, o: { moveCustomersTo?: string }, cmd: Command) => {
      const r = await inTenant(cmd, (rt, t) => deleteNode(rt.ctx(t), scheme, code, o))
      io.out(
        r.movedTo
          ? say(
              io,
              `已把 ${r.customersMoved} 个客户移到 ${r.movedTo}，并删除 ${r.code}`,
              `Moved ${r.customersMoved} customers to ${r.movedTo} and deleted ${r.code}`,
            )
          : say(io, `已删除 ${r.code}`, `Deleted ${r.code}`),
      )
    })
}
