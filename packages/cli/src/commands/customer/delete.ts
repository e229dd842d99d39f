import { deleteCustomer } from '@kehu/app'
import { invalid, text } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerDelete(parent: Command, io: Io) {
  parent
    .command('delete <code>')
    .description(
      say(
        io,
        '彻底删除未被引用的客户（仅管理员；一般请用归档）',
        'delete an unreferenced customer for good (administrators; archive is usually what you want)',
      ),
    )
    .option('--yes', say(io, '确认删除', 'confirm the deletion'))
    .option(...jsonOpt(io))
    .action(async (code: string, o: { yes?: boolean; json?: boolean }, cmd: Command) => {
      if (!o.yes)
        throw invalid(
          'CLI_CONFIRM_REQUIRED',
          text(`彻底删除客户 ${code} 需要加 --yes 确认`, `Deleting customer ${code} for good needs --yes`),
        )
      const r = await withRuntime(cmd, async (rt) => deleteCustomer(rt.ctx((await tenantOf(cmd, rt)).code), code))
      io.out(
        o.json
          ? JSON.stringify({ deleted: r }, null, 2)
          : say(io, `已删除客户 ${r.code}`, `Deleted customer ${r.code}`),
      )
    })
}
