import { createCodeMap, listCodeMaps, parseMapEntries, updateCodeMap } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerMapSet(parent: Command, io: Io) {
  parent
    .command('set <name>')
    .description(
      say(
        io,
        '新建或替换对照表；使用它的启用规则会重新检查',
        'create or replace a map table; active rules that use it are re-checked',
      ),
    )
    .requiredOption('--entries <pairs>', say(io, `如 '北京=BJ,上海=SH'`, `e.g. '北京=BJ,上海=SH'`))
    .option(...jsonOpt(io))
    .action(async (name: string, o: { entries: string; json?: boolean }, cmd: Command) => {
      const entries = parseMapEntries(o.entries)
      const r = await withRuntime(cmd, async (rt) => {
        const tenant = (await tenantOf(cmd, rt)).code
        const exists = (await listCodeMaps(rt.ctx(tenant))).some((m) => m.name === name)
        return exists
          ? updateCodeMap(rt.ctx(tenant), name, { name, entries })
          : createCodeMap(rt.ctx(tenant), { name, entries })
      })
      io.out(
        o.json
          ? JSON.stringify(r, null, 2)
          : say(
              io,
              `已保存对照表“${r.name}”：${r.entries.length} 项`,
              `Saved map table "${r.name}": ${r.entries.length} entries`,
            ),
      )
    })
}
