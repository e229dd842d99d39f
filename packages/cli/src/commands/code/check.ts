import { checkPattern } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { globalTenant, reportCheck } from './shared.js'

export function registerCheck(parent: Command, io: Io) {
  parent
    .command('check <pattern>')
    .description(
      say(
        io,
        '检查编码规则：接受，或列出全部拒绝理由（退出码 2）。不加 --tenant 时不打开数据库，只检查结构',
        'check a code rule: accept it, or list every reason to refuse it (exit 2). Without --tenant no database is opened',
      ),
    )
    .option(
      '--rule <name>',
      say(io, '正在修改的规则（不与自身比较）', 'the rule being edited (not compared with itself)'),
    )
    .option(...jsonOpt(io))
    .action(async (pattern: string, o: { rule?: string; json?: boolean }, cmd: Command) => {
      const tenant = globalTenant(cmd)
      const input = { pattern, ...(o.rule ? { rule: o.rule } : {}) }
      const r =
        tenant === undefined && o.rule === undefined
          ? await checkPattern(undefined, input)
          : await withRuntime(cmd, async (rt) => checkPattern(rt.ctx((await tenantOf(cmd, rt)).code), input))
      reportCheck(io, r, o.json)
    })
}
