import { createTenant } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerTenantCreate(parent: Command, io: Io) {
  parent
    .command('create <code> <name>')
    .description(
      say(
        io,
        '创建账套（含内置分类体系和默认编码规则 {serial:5}）',
        'create a tenant (built-in schemes and the default rule {serial:5})',
      ),
    )
    .option('--default', say(io, '设为默认账套', 'make it the default tenant'))
    .option('--time-zone <zone>', say(io, '时区（默认 Asia/Shanghai）', 'time zone (default Asia/Shanghai)'))
    .option(...jsonOpt(io))
    .action(
      async (
        code: string,
        name: string,
        opts: { default?: boolean; timeZone?: string; json?: boolean },
        cmd: Command,
      ) => {
        const t = await withRuntime(cmd, (rt) =>
          createTenant(rt.base, {
            code,
            name,
            isDefault: opts.default ?? false,
            ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
          }),
        )
        io.out(
          opts.json
            ? JSON.stringify(t, null, 2)
            : say(io, `已创建账套 ${t.code} ${t.name}`, `Created tenant ${t.code} ${t.name}`),
        )
      },
    )
}
