import { listDimensions } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say, table } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerList(parent: Command, io: Io) {
  parent
    .command('list')
    .description(say(io, '列出管理维度及其属性', 'list dimensions with their attributes'))
    .option(...jsonOpt(io))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const list = await withRuntime(cmd, async (rt) => listDimensions(rt.ctx((await tenantOf(cmd, rt)).code)))
      if (opts.json) return io.out(JSON.stringify(list, null, 2))
      const rows = list.flatMap((d) => [
        {
          dimension: d.code,
          name: d.name,
          enabled: d.enabled ? '' : say(io, '停用', 'off'),
          attribute: '',
          type: '',
          flags: '',
        },
        ...d.attributes.map((a) => ({
          dimension: '',
          name: a.name,
          enabled: a.enabled ? '' : say(io, '停用', 'off'),
          attribute: a.code,
          type: a.type,
          flags: [a.required ? 'required' : '', a.unique ? 'unique' : '', a.indexed ? 'indexed' : '']
            .filter(Boolean)
            .join(','),
        })),
      ])
      io.out(table(rows, ['dimension', 'attribute', 'name', 'type', 'flags', 'enabled']))
    })
}
