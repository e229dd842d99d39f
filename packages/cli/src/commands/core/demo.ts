import { AppError, text } from '@kehu/core'
import { Presets, SingleBar } from 'cli-progress'
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
        '加载演示账套 demo：分类树、地区、行业、编码规则和客户（每批 500 个，失败则不留下任何数据）',
        'load the demo tenant: class tree, regions, industries, code rules and customers (500 per batch; a failed load leaves nothing)',
      ),
    )
    .option('--customers <n>', say(io, '客户数量（默认 300）', 'number of customers (default 300)'), '300')
    .action(async (opts: { customers: string }, cmd: Command) => {
      const total = Number(opts.customers)
      if (!Number.isInteger(total) || total < 0)
        throw new AppError(
          'invalid',
          'DEMO_CUSTOMERS_INVALID',
          text(
            `客户数量应为不小于 0 的整数，而不是 ${opts.customers}`,
            `The number of customers must be a whole number of at least 0, not ${opts.customers}`,
          ),
        )
      // on a terminal only (cli-progress draws nothing elsewhere), on stderr so --json-like output stays clean
      const bar = new SingleBar(
        {
          format: say(
            io,
            '客户 {bar} {value}/{total}  剩余 {eta_formatted}',
            'customers {bar} {value}/{total}  {eta_formatted} left',
          ),
        },
        Presets.shades_classic,
      )
      bar.start(total, 0)
      const n = await withRuntime(cmd, (rt) =>
        loadDemo(rt.base, { customers: total, progress: (done) => bar.update(done) }),
      ).finally(() => bar.stop())
      io.out(
        say(
          io,
          `已加载演示账套 demo（演示账套），含 ${n} 个客户`,
          `Loaded the demo tenant (演示账套) with ${n} customers`,
        ),
      )
    })
}
