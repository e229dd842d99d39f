import type { Writable } from 'node:stream'
import { guardCell, type TextEncoding, type TransferFormat } from '@kehu/core'
import iconv from 'iconv-lite'
import { escapeOoxml, excel } from './exceljs.js'

export interface TableWriterOptions {
  format: TransferFormat
  /** CSV only: UTF-8 (the default) is written with a BOM, so Excel reads it as UTF-8; GB18030 for old Excel. */
  encoding?: TextEncoding
  /** XLSX only: the sheet's name (Excel allows 31 characters, none of []:*?/\). */
  sheetName?: string
}

export interface TableWriter {
  header(cells: string[]): Promise<void>
  /** A data row: each cell passes `guardCell`, so a spreadsheet never runs it as a formula. */
  row(cells: string[]): Promise<void>
  /** Finishes the file; `out` is ended. */
  end(): Promise<void>
}

/**
 * Streams a table to `out` in bounded memory. Every cell is text, in XLSX too: a code like 00123 or a phone
 * number keeps its digits, and reading the file back gives the same strings.
 */
export function createTableWriter(out: Writable, opts: TableWriterOptions): TableWriter {
  return opts.format === 'xlsx' ? xlsxWriter(out, opts.sheetName ?? 'Sheet1') : csvWriter(out, opts.encoding ?? 'utf-8')
}

const NEEDS_QUOTES = /[",;\t\r\n]/

/** RFC 4180: CRLF line ends; a cell with a quote, a delimiter Excel might use, or a line break is quoted. */
export const csvLine = (cells: string[]) =>
  `${cells.map((c) => (NEEDS_QUOTES.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')}\r\n`

const FLUSH_AT = 64 * 1024

function csvWriter(out: Writable, encoding: TextEncoding): TableWriter {
  let pending = encoding === 'utf-8' ? '\ufeff' : ''
  const flush = async () => {
    if (pending === '') return
    const bytes = encoding === 'utf-8' ? Buffer.from(pending, 'utf8') : iconv.encode(pending, 'gb18030')
    pending = ''
    if (!out.write(bytes)) await drained(out)
  }
  const add = async (line: string) => {
    pending += line
    if (pending.length >= FLUSH_AT) await flush()
  }
  return {
    header: (cells) => add(csvLine(cells)),
    row: (cells) => add(csvLine(cells.map(guardCell))),
    async end() {
      await flush()
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject)
        out.end(resolve)
      })
    },
  }
}

function xlsxWriter(out: Writable, sheetName: string): TableWriter {
  const book = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useSharedStrings: false, useStyles: false })
  const sheet = book.addWorksheet(safeSheetName(sheetName))
  const add = async (cells: string[]) => {
    sheet.addRow(cells.map(escapeOoxml)).commit()
    // the zip stream is the back-pressure exceljs offers
    if (out.writableNeedDrain) await drained(out)
  }
  return {
    header: add,
    row: (cells) => add(cells.map(guardCell)),
    async end() {
      sheet.commit()
      const finished = new Promise<void>((resolve, reject) => {
        out.once('finish', resolve)
        out.once('close', resolve)
        out.once('error', reject)
      })
      await book.commit()
      await finished
    },
  }
}

const drained = (out: Writable) =>
  new Promise<void>((resolve, reject) => {
    const done = () => {
      out.off('error', fail)
      resolve()
    }
    const fail = (e: Error) => {
      out.off('drain', done)
      reject(e)
    }
    out.once('drain', done)
    out.once('error', fail)
  })

const safeSheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1'
