// STAND-IN until @kehu/files lands (createTableWriter); CSV UTF-8 only. Deleted after rebasing.
import type { Writable } from 'node:stream'
import { guardCell, type TextEncoding, type TransferFormat } from '@kehu/core'

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

export function createTableWriter(
  out: Writable,
  opts: { format: TransferFormat; encoding?: TextEncoding; sheetName?: string },
) {
  if (opts.format !== 'csv' || (opts.encoding ?? 'utf-8') !== 'utf-8') throw new Error('stand-in: csv utf-8 only')
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(s)) resolve()
      else {
        out.once('drain', resolve)
        out.once('error', reject)
      }
    })
  return {
    header: (cells: string[]) => write(`\uFEFF${cells.map(quote).join(',')}\r\n`),
    row: (cells: string[]) => write(`${cells.map((c) => quote(guardCell(c))).join(',')}\r\n`),
    end: () => new Promise<void>((resolve) => out.end(resolve)),
  }
}
