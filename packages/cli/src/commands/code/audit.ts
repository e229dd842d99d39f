import { auditCodes } from '@kehu/app'
import { pick } from '@kehu/core'
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
      if (o.json)
        return io.out(
          JSON.stringify(
            {
              ...r,
              findings: r.findings.map((f) => ({ ...f, reason: pick(f.reason, io.lang), fix: pick(f.fix, io.lang) })),
            },
            null,
            2,
          ),
        )
      const kinds: Record<string, string> = {
        duplicate: say(io, '重复', 'duplicate'),
        malformed: say(io, '格式', 'malformed'),
        'off-rule': say(io, '不符规则', 'off-rule'),
        'counter-behind': say(io, '计数器落后', 'counter behind'),
      }
      for (const f of r.findings)
        io.out(
          `[${kinds[f.kind]}] ${f.code}  ${f.customerName}\n  ${pick(f.reason, io.lang)}\n  → ${pick(f.fix, io.lang)}${f.fixed ? say(io, '（已修正）', ' (fixed)') : ''}`,
        )
      io.out(
        say(
          io,
          `检查了 ${r.checked} 个编码：重复 ${r.counts.duplicate}，格式 ${r.counts.malformed}，不符规则 ${r.counts['off-rule']}，计数器落后 ${r.counts['counter-behind']}${o.fix ? `；已修正 ${r.fixed}` : ''}`,
          `Checked ${r.checked} codes: ${r.counts.duplicate} duplicated, ${r.counts.malformed} malformed, ${r.counts['off-rule']} off-rule, ${r.counts['counter-behind']} counters behind${o.fix ? `; fixed ${r.fixed}` : ''}`,
        ),
      )
    })
}
