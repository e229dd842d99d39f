import type { Command } from 'commander'
import { loadDemo } from '../../demo.js'
import { type Io, say } from '../../io.js'
import { withRuntime } from '../../runtime-command.js'

export function registerDemo(parent: Command, io: Io) {
  parent
    .command('demo')
    .description(
      say(
        io,
        '加载演示账套 demo：分类树、地区、行业、编码规则和几百个客户',
        'load the demo tenant: class tree, regions, industries, code rules and a few hundred customers',
      ),
    )
    .option('--customers <n>', say(io, '客户数量（默认 300）', 'number of customers (default 300)'), '300')
    .action(async (opts: { customers: string }, cmd: Command) => {
      const n = await withRuntime(cmd, (rt) => loadDemo(rt.base, { customers: Number(opts.customers) }))
      io.out(
        say(
          io,
          `已加载演示账套 demo（演示账套），含 ${n} 个客户`,
          `Loaded the demo tenant (演示账套) with ${n} customers`,
        ),
      )
    })
}
