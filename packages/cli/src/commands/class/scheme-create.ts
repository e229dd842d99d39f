import { createScheme } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant, jsonOpt } from '../shared.js'

export function registerSchemeCreate(parent: Command, io: Io) {
  parent
    .command('create <code> <name>')
    .description(say(io, '新建自定义分类体系', 'create a user-defined scheme'))
    .option(
      '--levels <levels>',
      say(io, '编码方案，如 2-3-4（省略：平面列表）', 'level scheme such as 2-3-4 (omitted: flat list)'),
    )
    .option('--no-leaf-only', say(io, '客户也可归入非末级分类', 'customers may sit on non-leaf classes'))
    .option(...jsonOpt(io))
    .action(
      async (code: string, name: string, o: { levels?: string; leafOnly: boolean; json?: boolean }, cmd: Command) => {
        const s = await inTenant(cmd, (rt, t) =>
          createScheme(rt.ctx(t), {
            code,
            name,
            levels: o.levels ?? null,
            ...(o.leafOnly ? {} : { leafOnly: false }),
          }),
        )
        io.out(
          o.json
            ? JSON.stringify(s, null, 2)
            : say(
                io,
                `已创建分类体系 ${s.code} ${s.name} ${s.mask ?? ''}`,
                `Created scheme ${s.code} ${s.name} ${s.mask ?? ''}`,
              ),
        )
      },
    )
}
