import { open } from 'node:fs/promises'
import { describeBinary, type RowSource, sniffFormat, type TextEncoding, type TransferFormat, text } from '@kehu/core'
import { openCsv } from './csv-reader.js'
import { notATable } from './not-a-table.js'
import type { ZipLimits } from './xlsx-check.js'
import { openXlsx } from './xlsx-reader.js'

export interface TableOptions {
  /** The format the caller expects; the file's bytes decide, and a mismatch is refused. */
  format?: TransferFormat
  encoding?: 'auto' | TextEncoding
  sheet?: string
  limits?: Partial<ZipLimits>
}

/** Opens a CSV or XLSX by what its first bytes say it is, whatever its name. */
export async function openTable(path: string, opts: TableOptions = {}): Promise<RowSource> {
  const fh = await open(path, 'r')
  const head = Buffer.alloc(4096)
  let n: number
  try {
    n = (await fh.read(head, 0, head.length, 0)).bytesRead
  } finally {
    await fh.close()
  }
  const first = head.subarray(0, n)
  const format = sniffFormat(first)
  if (format === 'xls' || format === 'unknown')
    throw notATable(describeBinary(first) ?? text('未知格式的文件', 'a file of unknown kind'))
  if (opts.format && opts.format !== format)
    throw notATable(format === 'xlsx' ? text('XLSX 工作簿', 'an XLSX workbook') : text('CSV 文本', 'CSV text'))
  return format === 'xlsx'
    ? openXlsx(path, {
        ...(opts.sheet === undefined ? {} : { sheet: opts.sheet }),
        ...(opts.limits ? { limits: opts.limits } : {}),
      })
    : openCsv(path, opts.encoding ? { encoding: opts.encoding } : {})
}
