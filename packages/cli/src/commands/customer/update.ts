import { type CustomerPatch, customerJson, getCustomer, updateCustomer } from '@kehu/app'
import { invalid, text } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { collect, inputFrom, readJsonFile, show } from './shared.js'

export function registerUpdate(parent: Command, io: Io) {
  parent
    .command('update <code>')
    .description(
      say(
        io,
        '修改客户：只改给出的字段（空值清除）；编码不在此修改（见 kehu code recode）',
        'edit a customer: only the given fields change (empty clears); the code changes only by kehu code recode',
      ),
    )
    .option('--set <field=value>', say(io, '字段，可重复', 'a field, repeatable'), collect, [])
    .option('--attr <CODE=VALUE>', say(io, '维度属性，可重复', 'an attribute value, repeatable'), collect, [])
    .option('--json-file <file>', say(io, '从 JSON 文件读取要改的字段', 'read the fields to change from a JSON file'))
    .option(...jsonOpt(io))
    .action(
      async (code: string, o: { set: string[]; attr: string[]; jsonFile?: string; json?: boolean }, cmd: Command) => {
        const fromFile = o.jsonFile ? await readJsonFile(o.jsonFile) : {}
        const patch = { ...fromFile, ...inputFrom(o.set, o.attr, {}) } as CustomerPatch
        if (Object.keys(patch).length === 0)
          throw invalid(
            'CLI_NOTHING_TO_CHANGE',
            text(
              '没有要修改的字段：用 --set 字段=值 或 --attr 编码=值',
              'Nothing to change: use --set field=value or --attr CODE=VALUE',
            ),
          )
        const r = await withRuntime(cmd, async (rt) => {
          const ctx = rt.ctx((await tenantOf(cmd, rt)).code)
          const current = await getCustomer(ctx, code)
          return updateCustomer(ctx, current.customer.id, current.customer.version, patch)
        })
        if (o.json) return io.out(JSON.stringify({ ...customerJson(r), changes: r.changes }, null, 2))
        const keys = Object.entries(r.changes)
        if (keys.length === 0) return io.out(say(io, '没有变化', 'Nothing changed'))
        io.out(
          say(
            io,
            `已修改 ${r.customer.code}（版本 ${r.customer.version}）`,
            `Updated ${r.customer.code} (version ${r.customer.version})`,
          ),
        )
        for (const [field, ch] of keys) io.out(`  ${field}: ${show(ch.before)} → ${show(ch.after)}`)
      },
    )
}
