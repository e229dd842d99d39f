import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { finished } from 'node:stream/promises'
import {
  getImportMapping,
  ImportMappingInput,
  ImportParams,
  type ImportResult,
  importErrorRows,
  importJobKind,
  runJobInForeground,
} from '@kehu/app'
import { AppError, type JobProgress, pick, text } from '@kehu/core'
import { createTableWriter, openTable } from '@kehu/files'
import { SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import { inTenant, jsonOpt, parseOptions } from '../shared.js'

interface ImportOptions {
  dryRun?: boolean
  mode?: string
  key?: string
  allOrNothing?: boolean
  map?: string
  sheet?: string
  encoding?: string
  errors?: string
  json?: boolean
}

/** The command line reads its files where they are: the job keeps the path and opens it again on a resume. */
const importKind = importJobKind(
  async (_ctx, p) =>
    openTable(p.path ?? '', {
      ...(p.sheet === undefined ? {} : { sheet: p.sheet }),
      ...(p.encoding === undefined ? {} : { encoding: p.encoding }),
    }),
  'import-file',
)

const sha256Of = async (path: string) => {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Progress on a terminal as a bar, otherwise a line every few seconds (logs and pipes stay readable). */
function progressPrinter(io: Io, quiet: boolean) {
  if (quiet) return { update: (_p: JobProgress) => {}, stop: () => {} }
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: say(
        io,
        '{phase} 已读 {done} 行 | 写入 {written} | 有误 {bad} | {rate} 行/秒',
        '{phase} read {done} | written {written} | bad {bad} | {rate} rows/s',
      ),
      stream: process.stderr,
    })
    bar.start(0, 0, { phase: '', done: 0, written: 0, bad: 0, rate: 0 })
    return {
      update: (p: JobProgress) =>
        bar.update(0, {
          phase: p.phase ?? '',
          done: p.done,
          written: p.written ?? 0,
          bad: p.bad ?? 0,
          rate: p.rate ?? 0,
        }),
      stop: () => bar.stop(),
    }
  }
  let last = 0
  return {
    update: (p: JobProgress) => {
      if (Date.now() - last < 5000) return
      last = Date.now()
      io.err(
        say(
          io,
          `已读 ${p.done} 行，写入 ${p.written ?? 0}，有误 ${p.bad ?? 0}`,
          `read ${p.done}, written ${p.written ?? 0}, bad ${p.bad ?? 0}`,
        ),
      )
    },
    stop: () => {},
  }
}

function summary(io: Io, r: ImportResult): string[] {
  const lines = [
    r.dryRun
      ? say(
          io,
          `试导入（未写入）：读取 ${r.read} 行，可新增 ${r.inserted}，可更新 ${r.updated}，无变化 ${r.unchanged}，有误 ${r.bad}（其中重复 ${r.duplicates}）`,
          `Dry run (nothing written): read ${r.read}, would insert ${r.inserted}, update ${r.updated}, leave ${r.unchanged} unchanged; ${r.bad} bad (${r.duplicates} duplicates)`,
        )
      : say(
          io,
          `导入完成：读取 ${r.read} 行，新增 ${r.inserted}，更新 ${r.updated}，无变化 ${r.unchanged}，有误 ${r.bad}（其中重复 ${r.duplicates}）`,
          `Imported: read ${r.read}, inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}; ${r.bad} bad (${r.duplicates} duplicates)`,
        ),
  ]
  for (const i of r.issues.slice(0, 20))
    lines.push(
      `  ${say(io, `第 ${i.row} 行`, `row ${i.row}`)}${i.header ? ` ${i.header}` : ''}: ${pick(i.message, io.lang)}`,
    )
  if (r.issueCount > 20) lines.push(say(io, `  ……共 ${r.issueCount} 个问题`, `  … ${r.issueCount} problems in all`))
  return lines
}

export function registerImportCommands(program: Command, io: Io) {
  program
    .command('import')
    .argument('<file>', say(io, 'CSV（UTF-8 或 GBK）或 XLSX 文件', 'a CSV (UTF-8 or GBK) or XLSX file'))
    .description(
      say(
        io,
        '导入客户：按表头对应字段，每 1000 行一批写入，中断后重新运行会从上次提交处继续；有错误行时退出码非零',
        'import customers: headers mapped onto fields, 1,000 rows a batch; a re-run after a crash resumes after the last batch; exits non-zero when a row was bad',
      ),
    )
    .option('--dry-run', say(io, '只检查，不写入', 'check every row, write nothing'))
    .option(
      '--mode <mode>',
      say(io, 'insert（新增）、update（更新）或 upsert（有则更新，无则新增）', 'insert, update or upsert'),
      'insert',
    )
    .option(
      '--key <key>',
      say(io, '更新时按 code、uscc 或 name 找客户', 'find customers to update by code, uscc or name'),
    )
    .option('--all-or-nothing', say(io, '有任何一行有误就什么都不写', 'write nothing unless every row is good'))
    .option(
      '--map <mapping>',
      say(io, '已保存的映射名称，或映射 JSON 文件', 'a saved mapping name, or a mapping JSON file'),
    )
    .option('--sheet <name>', say(io, 'XLSX 的工作表', 'the XLSX sheet'))
    .option(
      '--encoding <encoding>',
      say(io, 'CSV 编码：auto、utf-8 或 gb18030', 'CSV encoding: auto, utf-8 or gb18030'),
    )
    .option(
      '--errors <file>',
      say(
        io,
        '把有误的行（原列加错误说明）写入此文件',
        'write the bad rows (original columns and the errors) to this file',
      ),
    )
    .option(...jsonOpt(io))
    .action(async (file: string, o: ImportOptions, cmd: Command) => {
      const r = await inTenant(cmd, async (rt, tenant) => {
        const ctx = rt.ctx(tenant)
        const mapping =
          o.map === undefined
            ? undefined
            : o.map.endsWith('.json')
              ? parseOptions(ImportMappingInput, JSON.parse(await readFile(o.map, 'utf8')))
              : await getImportMapping(ctx, o.map)
        const given = {
          path: file,
          fileName: file,
          mode: o.mode,
          ...(o.key ? { key: o.key } : {}),
          ...(o.sheet ? { sheet: o.sheet } : {}),
          ...(o.encoding ? { encoding: o.encoding } : {}),
          ...(mapping ? { mapping } : {}),
          allOrNothing: o.allOrNothing ?? false,
          dryRun: o.dryRun ?? false,
        }
        const params = parseOptions(ImportParams, given)
        // the same file with the same options is the same import: a re-run takes the unfinished job over
        const resumeKey = createHash('sha256')
          .update(JSON.stringify({ file: await sha256Of(file), ...params, path: undefined, fileName: undefined }))
          .digest('hex')
        const progress = progressPrinter(io, o.json === true)
        try {
          const { job, result } = await runJobInForeground(ctx, importKind, { ...params, resumeKey }, (p) =>
            progress.update(p),
          )
          if (o.errors && result.bad > 0) {
            const bad = await importErrorRows(ctx, job.id)
            const out = createWriteStream(o.errors)
            const w = createTableWriter(out, {
              format: bad.format,
              ...(bad.encoding === 'gb18030' ? { encoding: 'gb18030' } : {}),
            })
            await w.header(bad.headers)
            for await (const row of bad.rows) await w.row(row)
            await w.end()
            await finished(out)
          }
          return result
        } finally {
          progress.stop()
        }
      })
      if (o.json) io.out(JSON.stringify(r, null, 2))
      else for (const line of summary(io, r)) io.out(line)
      if (r.bad > 0)
        throw new AppError(
          'invalid',
          'CLI_IMPORT_ROWS_BAD',
          text(
            `${r.bad} 行有误${o.errors ? `，已写入 ${o.errors}` : '（--errors 文件 可取回这些行）'}`,
            `${r.bad} rows were bad${o.errors ? `; they are in ${o.errors}` : ' (--errors FILE gives them back)'}`,
          ),
        )
    })
}
