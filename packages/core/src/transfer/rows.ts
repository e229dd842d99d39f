/**
 * What a file reader gives the import, whatever the file was: header labels and rows of text cells. Readers
 * (CSV in any of the encodings Chinese offices write, XLSX) live outside core; the import's rules see only this.
 */

export type TransferFormat = 'csv' | 'xlsx'

/** How CSV text is encoded. `gb18030` also reads GBK and GB2312, which it contains. */
export type TextEncoding = 'utf-8' | 'gb18030'

export interface SheetRow {
  /** 1-based row number as a spreadsheet shows it, so a user can find the row. */
  row: number
  /**
   * One text per column, in header order; a missing cell is ''. Numbers as written without exponent or
   * float noise (a phone stored as a number reads '13812345678'), dates as `YYYY-MM-DD`.
   */
  cells: string[]
}

export interface RowSource {
  format: TransferFormat
  /** For CSV: the encoding read (detected or chosen) and whether the file began with a byte-order mark. */
  encoding?: TextEncoding
  bom?: boolean
  /** For XLSX: the sheet read, and every sheet's name, so the user can pick another. */
  sheet?: string
  sheets?: string[]
  /** One label per column; header cells merged across columns or rows are joined with '/' (e.g. '地址/省'). */
  headers: string[]
  /** The row number of the header row (data rows follow it). */
  headerRow: number
  rows: AsyncIterable<SheetRow>
}
