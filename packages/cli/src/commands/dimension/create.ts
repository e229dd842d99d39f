import { createDimension } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { appliesToOf } from './shared.js'

export function registerCreate(parent: Command, io: Io) {
  parent
    .command('create <code> <name>')
    .description(say(io, '创建管理维度', 'create a dimension'))
    .option('--description <text>', say(io, '说明', 'description'))
    .option(
      '--applies-to-class <codes>',
      say(
        io,
        '仅适用于这些客户分类及其下级（逗号分隔）',
        'only for these classes and their sub-classes (comma-separated)',
      ),
    )
    .option('--applies-to <json>', say(io, '适用范围筛选条件（JSON）', '"applies to" filter (JSON)'))
    .option('--disabled', say(io, '创建为停用', 'create disabled'))
    .option(...jsonOpt(io))
    .action(
      async (
        code: string,
        name: string,
        opts: { description?: string; appliesToClass?: string; appliesTo?: string; disabled?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const appliesTo = appliesToOf(opts)
        const d = await withRuntime(cmd, async (rt) =>
          createDimension(rt.ctx((await tenantOf(cmd, rt)).code), {
            code,
            name,
            ...(opts.description !== undefined ? { description: opts.description } : {}),
            ...(appliesTo !== undefined ? { appliesTo } : {}),
            ...(opts.disabled ? { enabled: false } : {}),
          } as never),
        )
        io.out(
          opts.json
            ? JSON.stringify(d, null, 2)
            : say(io, `已创建管理维度 ${d.code} ${d.name}`, `Created dimension ${d.code} ${d.name}`),
        )
      },
    )
}
