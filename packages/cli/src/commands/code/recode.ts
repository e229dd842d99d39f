import { recodeCustomer } from '@kehu/app'
import { invalid, text } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { withOptionNames } from '../../option-names.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerRecode(parent: Command, io: Io) {
  parent
    .command('recode <customer>')
    .description(
      say(
        io,
        '重新编码一个客户（按编码或 id）：旧编码保留为别名，记入审计',
        're-code a customer (by code or id): the old code stays as an alias; audited',
      ),
    )
    .option('--to <code>', say(io, '新编码（检查格式与唯一性）', 'the new code (checked for shape and uniqueness)'))
    .option('--reallocate', say(io, '按现行规则重新生成', 'allocate by the rule that applies now'))
    .option(...jsonOpt(io))
    .action(async (c: string, o: { to?: string; reallocate?: boolean; json?: boolean }, cmd: Command) => {
      // Checked here so that the message names the options, not the API's fields.
      if ((o.to?.trim() ? 1 : 0) + (o.reallocate ? 1 : 0) !== 1)
        throw invalid(
          'CODE_RECODE_INPUT',
          text(
            '请给出 --to 新编码，或 --reallocate 按规则重新生成（二选一）',
            'Give --to NEW-CODE, or --reallocate to allocate by the rule (exactly one)',
          ),
        )
      const r = await withOptionNames({ newCode: '--to', code: '--to', reallocate: '--reallocate' }, () =>
        withRuntime(cmd, async (rt) =>
          recodeCustomer(rt.ctx((await tenantOf(cmd, rt)).code), c, {
            ...(o.to !== undefined ? { newCode: o.to } : {}),
            ...(o.reallocate ? { reallocate: true } : {}),
          }),
        ),
      )
      if (o.json) return io.out(JSON.stringify(r, null, 2))
      io.out(
        say(
          io,
          `已重新编码：${r.oldCode} → ${r.newCode}（规则“${r.rule}”；旧编码仍可查到该客户）`,
          `Re-coded: ${r.oldCode} → ${r.newCode} (rule "${r.rule}"; the old code still finds the customer)`,
        ),
      )
      if (r.codeWarning) io.out(say(io, `注意：${r.codeWarning.zh}`, `Note: ${r.codeWarning.en}`))
    })
}
