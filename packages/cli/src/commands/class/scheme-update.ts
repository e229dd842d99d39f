import { updateScheme } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant, jsonOpt } from '../shared.js'

export function registerSchemeUpdate(parent: Command, io: Io) {
  parent
    .command('update <scheme>')
    .description(
      say(
        io,
        '修改分类体系：名称、编码方案（已用级次不能改）',
        'change a scheme: name, level scheme (used levels cannot change)',
      ),
    )
    .option('--name <name>', say(io, '新名称', 'new name'))
    .option('--levels <levels>', say(io, '新编码方案，如 2-3-6', 'new level scheme such as 2-3-6'))
    .option(...jsonOpt(io))
    .action(async (code: string, o: { name?: string; levels?: string; json?: boolean }, cmd: Command) => {
      const s = await inTenant(cmd, (rt, t) =>
        updateScheme(rt.ctx(t), code, {
          ...(o.name !== undefined ? { name: o.name } : {}),
          ...(o.levels !== undefined ? { levels: o.levels } : {}),
        }),
      )
      io.out(
        o.json
          ? JSON.stringify(s, null, 2)
          : say(io, `已修改 ${s.code} ${s.name} ${s.mask ?? ''}`, `Updated ${s.code} ${s.name} ${s.mask ?? ''}`),
      )
    })
}
