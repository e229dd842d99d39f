import { updateDimension } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { appliesToOf } from './shared.js'

export function registerUpdate(parent: Command, io: Io) {
  parent
    .command('update <code>')
    .description(say(io, '修改管理维度', 'change a dimension'))
    .option('--name <name>', say(io, '名称', 'name'))
    .option('--code <code>', say(io, '新编码', 'new code'))
    .option('--description <text>', say(io, '说明', 'description'))
    .option(
      '--applies-to-class <codes>',
      say(io, '仅适用于这些客户分类及其下级', 'only for these classes and their sub-classes'),
    )
    .option('--applies-to <json>', say(io, '适用范围筛选条件（JSON）', '"applies to" filter (JSON)'))
    .option('--applies-to-all', say(io, '适用于全部客户', 'for every customer'))
    .option('--enable', say(io, '启用', 'enable'))
    .option('--disable', say(io, '停用', 'disable'))
    .option(...jsonOpt(io))
    .action(
      async (
        code: string,
        opts: {
          name?: string
          code?: string
          description?: string
          appliesToClass?: string
          appliesTo?: string
          appliesToAll?: boolean
          enable?: boolean
          disable?: boolean
          json?: boolean
        },
        cmd: Command,
      ) => {
        const appliesTo = appliesToOf(opts)
        const input = {
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          ...(opts.code !== undefined ? { code: opts.code } : {}),
          ...(opts.description !== undefined ? { description: opts.description } : {}),
          ...(appliesTo !== undefined ? { appliesTo } : {}),
          ...(opts.enable ? { enabled: true } : {}),
          ...(opts.disable ? { enabled: false } : {}),
        }
        const d = await withRuntime(cmd, async (rt) =>
          updateDimension(rt.ctx((await tenantOf(cmd, rt)).code), code, input),
        )
        io.out(
          opts.json ? JSON.stringify(d, null, 2) : say(io, `已修改管理维度 ${d.code}`, `Changed dimension ${d.code}`),
        )
      },
    )
}
