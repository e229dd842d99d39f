import { findIncompleteCustomers } from '@kehu/app'
import type { Command } from 'commander'
import { z } from 'zod'
import { type Io, say, table } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { jsonOpt, numberFlag, parseOptions } from '../shared.js'

export function registerAttrIncomplete(parent: Command, io: Io) {
  parent
    .command('incomplete <code>')
    .description(
      say(
        io,
        '列出适用该属性但未填写的客户（待补全）',
        'list the customers the attribute applies to that have no value',
      ),
    )
    .option('--limit <n>', say(io, '最多列出几个', 'list at most this many'), '50')
    .option(...jsonOpt(io))
    .action(async (code: string, opts: { limit: string; json?: boolean }, cmd: Command) => {
      // The incomplete-customers route takes 1–1000.
      const { limit } = parseOptions(z.object({ limit: z.number().int().min(1).max(1000) }), {
        limit: numberFlag(opts.limit),
      })
      const r = await withRuntime(cmd, async (rt) =>
        findIncompleteCustomers(rt.ctx((await tenantOf(cmd, rt)).code), code, { limit }),
      )
      if (opts.json) return io.out(JSON.stringify(r, null, 2))
      io.out(say(io, `${r.count} 个客户未填 ${code}`, `${r.count} customers have no value for ${code}`))
      if (r.customers.length > 0)
        io.out(
          table(
            r.customers.map((c) => ({ code: c.code, name: c.name })),
            ['code', 'name'],
          ),
        )
    })
}
