import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import { exportCustomers } from '@kehu/app'
import { invalid, text } from '@kehu/core'
import { writeTable } from '@kehu/server'
import { Presets, SingleBar } from 'cli-progress'
import { type Command, Option } from 'commander'
import { type Io, say } from '../../io.js'
import { tenantOf, withRuntime } from '../../runtime-command.js'
import { filterOf, filterOptions } from '../customer/shared.js'

interface ExportOptions extends Record<string, unknown> {
  output: string
  format?: 'xlsx' | 'csv'
  encoding?: 'utf-8' | 'gb18030'
}

export function registerExport(program: Command, io: Io) {
  filterOptions(program.command('export'), io)
    .description(
      say(
        io,
        '导出客户档案为 Excel 或 CSV（导入模板的列；筛选同 customer list），如 kehu export --class 01 -o 批发客户.xlsx',
        'export customers to Excel or CSV in the import template’s columns (filters as customer list), e.g. kehu export --class 01 -o wholesale.xlsx',
      ),
    )
    .requiredOption('-o, --output <file>', say(io, '输出文件；- 为标准输出', 'output file; - for standard output'))
    .addOption(
      new Option(
        '--format <format>',
        say(
          io,
          'xlsx 或 csv（默认按文件扩展名，否则 xlsx）',
          'xlsx or csv (default: by the file extension, else xlsx)',
        ),
      ).choices(['xlsx', 'csv']),
    )
    .addOption(
      new Option(
        '--encoding <encoding>',
        say(
          io,
          'CSV 编码：utf-8（带 BOM，默认）或 gb18030（GBK，中文 Windows 上的 Excel 直接打开）',
          'CSV encoding: utf-8 (with BOM, the default) or gb18030 (GBK, as Excel on Chinese Windows opens it)',
        ),
      ).choices(['utf-8', 'gb18030']),
    )
    .action(async (o: ExportOptions, cmd: Command) => {
      const toStdout = o.output === '-'
      const format = o.format ?? (/\.csv$/i.test(o.output) ? 'csv' : 'xlsx')
      if (o.encoding && format !== 'csv')
        throw invalid(
          'CLI_OPTIONS_INVALID',
          text('--encoding 只用于 CSV（--format csv）', '--encoding applies to CSV only (--format csv)'),
        )
      // A file appears only once complete: written beside it, renamed at the end, removed on failure.
      const partial = `${o.output}.part`
      const rows = await withRuntime(cmd, async (rt) => {
        const x = await exportCustomers(rt.ctx((await tenantOf(cmd, rt)).code), {
          ...filterOf(o),
          format,
          ...(o.encoding ? { encoding: o.encoding } : {}),
        })
        // on a terminal only (cli-progress draws nothing elsewhere), on stderr beside a file on stdout
        const bar = new SingleBar(
          {
            format: say(
              io,
              '导出 {bar} {value}/{total}  剩余 {eta_formatted}',
              'export {bar} {value}/{total}  {eta_formatted} left',
            ),
          },
          Presets.shades_classic,
        )
        bar.start(x.total, 0)
        const out = toStdout ? process.stdout : createWriteStream(partial)
        try {
          const n = await writeTable(out, x, x.pages, {
            onRows: (done) => bar.update(done, { total: Math.max(x.total, done) }),
          })
          if (!toStdout) {
            await finished(out)
            await rename(partial, o.output)
          }
          return n
        } catch (e) {
          if (!toStdout) await rm(partial, { force: true })
          throw e
        } finally {
          bar.stop()
        }
      })
      const done = say(io, `已导出 ${rows} 个客户`, `Exported ${rows} customers`)
      if (toStdout) io.err(done)
      else io.out(`${done} → ${o.output}`)
    })
}
