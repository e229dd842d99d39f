import { AppError, invalid, type RowSource, type SheetRow, text } from '@kehu/core'
import { MAX_CELL_CHARS } from './csv-reader.js'
import { type Cell, excel, type Row, unescapeOoxml } from './exceljs.js'
import { tableFrom } from './table.js'
import { checkXlsx, DEFAULT_ZIP_LIMITS, type ZipLimits } from './xlsx-check.js'

export interface XlsxOptions {
  /** The sheet to read, by name; the first sheet with values by default. */
  sheet?: string
  limits?: Partial<ZipLimits>
}

/**
 * An XLSX read streaming (exceljs `WorkbookReader`) after `checkXlsx` has vetted the archive. Every cell becomes
 * the text a user sees in Excel: numbers without float noise or exponent, dates `YYYY-MM-DD`.
 */
export async function openXlsx(path: string, opts: XlsxOptions = {}): Promise<RowSource> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...opts.limits }
  const book = await checkXlsx(path, limits)
  const names = book.sheets.map((s) => s.name)
  const sheet =
    opts.sheet === undefined
      ? (book.sheets.find((s) => s.hasValues) ?? book.sheets[0])
      : book.sheets.find((s) => s.name === opts.sheet)
  if (!sheet)
    throw invalid(
      'FILE_SHEET_NOT_FOUND',
      text(
        `工作簿中没有工作表“${opts.sheet ?? ''}”（有：${names.join('、')}）`,
        `The workbook has no sheet "${opts.sheet ?? ''}" (it has: ${names.join(', ')})`,
      ),
      [],
      { sheets: names },
    )
  const maxChars = Math.min(MAX_CELL_CHARS, Math.floor(limits.maxTextBytes / 6)) || MAX_CELL_CHARS
  const table = await tableFrom(sheetRows(path, sheet.name, book.date1904, maxChars), sheet.merges)
  return {
    format: 'xlsx',
    sheet: sheet.name,
    sheets: names,
    headers: table.headers,
    headerRow: table.headerRow,
    rows: table.rows,
  }
}

async function* sheetRows(path: string, name: string, date1904: boolean, maxChars: number): AsyncGenerator<SheetRow> {
  const reader = new (excel().stream.xlsx.WorkbookReader)(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  })
  // exceljs turned date-styled numbers into Dates with its own reading of date1904; undo it to apply ours
  const readerShift = () =>
    (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904 ? 1462 : 0
  try {
    for await (const ws of reader) {
      if ((ws as unknown as { name: string }).name !== name) continue
      for await (const row of ws as AsyncIterable<Row>) {
        const cells: string[] = []
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          const v = cellText(cell, date1904, readerShift())
          if (v.length > maxChars)
            throw new AppError(
              'too-large',
              'FILE_CELL_TOO_LARGE',
              text(
                `第 ${row.number} 行有单元格超过 ${maxChars} 个字符的上限`,
                `Row ${row.number} has a cell longer than the limit of ${maxChars} characters`,
              ),
              { details: { row: row.number, limit: maxChars } },
            )
          while (cells.length < col - 1) cells.push('')
          cells[col - 1] = v
        })
        yield { row: row.number, cells }
      }
      return
    }
  } catch (e) {
    if (e instanceof AppError) throw e
    throw invalid(
      'FILE_XLSX_DAMAGED',
      text('XLSX 文件已损坏，无法读取', 'The XLSX file is damaged and cannot be read'),
      [],
      {
        reason: e instanceof Error ? e.message : String(e),
      },
    )
  } finally {
    ;(reader as unknown as { stream?: { destroy(): void } }).stream?.destroy()
  }
}

const DAY_MS = 86_400_000

function cellText(cell: Cell, date1904: boolean, readerShift: number): string {
  const v = cell.value as unknown
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return unescapeOoxml(v)
  if (typeof v === 'number') return numberText(v)
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) return serialText(v.getTime() / DAY_MS + 25569 - readerShift, date1904)
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; error?: string; text?: string }
    if (o.richText) return unescapeOoxml(o.richText.map((r) => r.text ?? '').join(''))
    if ('formula' in o || 'sharedFormula' in o) {
      const r = o.result
      if (typeof r === 'number' && isDateFormat(cell.numFmt)) return serialText(r, date1904)
      if (r instanceof Date) return serialText(r.getTime() / DAY_MS + 25569 - readerShift, date1904)
      if (typeof r === 'number') return numberText(r)
      if (r && typeof r === 'object' && 'error' in r) return String((r as { error: unknown }).error)
      return r === undefined || r === null ? '' : String(r)
    }
    if (o.error !== undefined) return o.error
    if (o.text !== undefined) return String(o.text)
  }
  return String(v)
}

const isDateFormat = (fmt: string | undefined) =>
  !!fmt && /[ymdhs]/i.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))

/** As Excel shows a number in a General cell: 15 significant digits, so 0.1+0.2 reads 0.3 and a phone 13812345678. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n)
  const s = String(Number(n.toPrecision(15)))
  if (!s.includes('e')) return s
  // tiny values: plain decimals rather than 1e-7
  return Number(n.toPrecision(15))
    .toFixed(20)
    .replace(/\.?0+$/, '')
}

/** An Excel date serial as `YYYY-MM-DD` (with ` HH:MM:SS` when it has a time of day). */
export function serialText(serial: number, date1904: boolean): string {
  // 1900 system: serial 60 is the 29 February 1900 Lotus counted; days before it are one off
  const days = date1904 ? serial + 1462 : serial < 61 ? serial + 1 : serial
  const ms = Math.round(((days - 25569) * DAY_MS) / 1000) * 1000
  const iso = new Date(ms).toISOString()
  const time = iso.slice(11, 19)
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`
}
