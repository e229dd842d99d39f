import { auditCodes, codeAuditLines, codeAuditOut } from '@kehu/app'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'

export function registerAudit(parent: Command, io: Io) {
  parent
    .command('audit')
    .description(
      say(
        io,
        '检查账套中重复、格式不规范、不符合规则的编码，以及落后于编码的计数器，并给出修正建议；--fix 只移动计数器',
        'find duplicated, malformed and off-rule codes and counters behind a code, each with a fix; --fix only moves counters',
      ),
    )
    .option(
      '--fix',
      say(io, '把落后的计数器移过已有编码（记入审计）', 'move counters that are behind past the codes (audited)'),
    )
    .option(...jsonOpt(io))
    .action(async (o: { fix?: boolean; json?: boolean }, cmd: Command) => {
      const r = await withRuntime(cmd, async (rt) =>
        auditCodes(rt.ctx((await tenantOf(cmd, rt)).code), { fix: o.fix ?? false }),
      )
      const view = codeAuditOut(r, io.lang)
      if (o.json) return io.out(JSON.stringify(view, null, 2))
      for (const line of codeAuditLines(view, io.lang, o.fix ?? false)) io.out(line)
    })
}
