import { previewNextCodes } from '@kehu/app'
import { invalid, text } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { parseJsonInput } from '../../json-input.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt } from '../shared.js'
import { globalTenant, parseCount } from './shared.js'

export function registerPreview(parent: Command, io: Io) {
  parent
    .command('preview [pattern]')
    .description(
      say(
        io,
        '预览示例客户的下 N 个编码，不占用任何编号。PATTERN 且无 --tenant：不打开数据库；--rule：按数据库中的计数器',
        "preview the next N codes for a sample customer; nothing is reserved. A PATTERN without --tenant opens no database; --rule uses the database's counters",
      ),
    )
    .option('--rule <name>', say(io, '按已保存的规则', 'a stored rule by name'))
    .option(
      '--sample <json>',
      say(
        io,
        `示例客户 JSON，如 '{"type":"V","region":"BJ"}'`,
        `sample customer JSON, e.g. '{"type":"V","region":"BJ"}'`,
      ),
      '{}',
    )
    .option('--count <n>', say(io, '数量 1–100（默认 5）', 'how many, 1–100 (default 5)'), '5')
    .option(...jsonOpt(io))
    .action(
      async (
        pattern: string | undefined,
        o: { rule?: string; sample: string; count: string; json?: boolean },
        cmd: Command,
      ) => {
        if ((pattern === undefined) === (o.rule === undefined))
          throw invalid('CLI_PREVIEW_ARGS', text('请给出 PATTERN 或 --rule 之一', 'Give either PATTERN or --rule'))
        const sample = parseJsonInput(o.sample, '--sample')
        const input = {
          ...(pattern !== undefined ? { pattern } : {}),
          ...(o.rule !== undefined ? { rule: o.rule } : {}),
          sample: sample as never,
          count: parseCount(o.count),
        }
        const r =
          globalTenant(cmd) === undefined && o.rule === undefined
            ? await previewNextCodes(undefined, input)
            : await withRuntime(cmd, async (rt) => previewNextCodes(rt.ctx((await tenantOf(cmd, rt)).code), input))
        if (o.json) return io.out(JSON.stringify(r, null, 2))
        for (const i of r.items)
          io.out(
            i.taken ? `${i.code}  ${say(io, '（已被占用，发号时会跳过）', '(taken; allocation skips it)')}` : i.code,
          )
      },
    )
}
