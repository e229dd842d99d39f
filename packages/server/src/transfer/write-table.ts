import type { Writable } from 'node:stream'
import type { TextEncoding, TransferFormat } from '@kehu/core'
import { createTableWriter } from '@kehu/files'

export interface TableFile {
  format: TransferFormat
  encoding?: TextEncoding | undefined
  sheetName: string
  headers: string[]
}

/**
 * Writes a header row and pages of rows to `out`, waiting for the writer (and so for a slow client or disk)
 * after each row. Stopped by `signal` (the client went away), it stops reading — an export then records an
 * incomplete event — and destroys `out` instead of ending it. Returns the rows written.
 */
export async function writeTable(
  out: Writable,
  file: TableFile,
  pages: AsyncIterable<string[][]> | Iterable<string[][]>,
  { signal, onRows }: { signal?: AbortSignal; onRows?: (rows: number) => void } = {},
): Promise<number> {
  const writer = createTableWriter(out, {
    format: file.format,
    ...(file.encoding ? { encoding: file.encoding } : {}),
    sheetName: file.sheetName,
  })
  let rows = 0
  await writer.header(file.headers)
  for await (const page of pages) {
    for (const row of page) await writer.row(row)
    rows += page.length
    onRows?.(rows)
    if (signal?.aborted) {
      out.destroy()
      return rows
    }
  }
  await writer.end()
  return rows
}
