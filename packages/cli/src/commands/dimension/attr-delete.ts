import { deleteAttribute } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerAttrDelete(parent: Command, io: Io) {
  parent
    .command('delete <code>')
    .description(
      say(
        io,
        '删除维度属性（有取值时需 --force，一并清除取值）',
        'delete an attribute (--force when used: removes the values)',
      ),
    )
    .option('--force', say(io, '连同客户的取值一起删除', 'remove the customers’ values too'))
    .option(...jsonOpt(io))
    .action(async (code: string, opts: { force?: boolean; json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        deleteAttribute(rt.ctx((await tenantOf(cmd, rt)).code), code, { force: opts.force ?? false }),
      )
      if (opts.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        say(
          io,
          `已删除维度属性 ${code}（清除 ${r.removedValues} 个取值）`,
          `Deleted attribute ${code} (${r.removedValues} values removed)`,
        ),
      )
    })
}
