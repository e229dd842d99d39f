import { AppError, invalid, type SheetRow, text } from '@kehu/core'

/** A rectangle of merged cells, 1-based and inclusive, as a spreadsheet names it (A1:D1 → 1,1,1,4). */
export interface Merge {
  top: number
  left: number
  bottom: number
  right: number
}

export interface Table {
  headers: string[]
  headerRow: number
  rows: AsyncIterable<SheetRow>
}

/** How far a reader looks for the header row before it gives up on title rows. */
const HEADER_SEARCH_ROWS = 50

const filled = (cells: string[]) => {
  let n = 0
  for (const c of cells) if (c.trim() !== '') n++
  return n
}

/**
 * Finds the header row among raw rows and gives the data rows after it, each padded to the header's width.
 *
 * The rule: the header row is the first row with at least two non-empty cells (title rows above it — a merged
 * "客户档案" banner, an export date — have one); if no row within the first 50 has two, the first non-empty row.
 * Header cells merged down (客户编码 over two rows) or across with labels below (地址 over 省 | 市) make the
 * header span those rows, and a column's label joins its distinct labels top-down with '/' ('地址/省'); a cell
 * merged across with nothing below repeats its label. Without merges (a CSV saved from such a sheet), the row
 * below the header is a second header row when the header has a gap after a label (地址, '') and that row has
 * values only under such labels and their gaps (省, 市). Entirely empty rows are skipped. A row with a
 * non-empty cell beyond the header's width is an error naming the row; shorter rows are padded with ''.
 */
export async function tableFrom(raw: AsyncIterator<SheetRow>, merges: readonly Merge[] = []): Promise<Table> {
  try {
    return await readHeader(raw, merges)
  } catch (e) {
    await raw.return?.()
    throw e
  }
}

async function readHeader(raw: AsyncIterator<SheetRow>, fileMerges: readonly Merge[]): Promise<Table> {
  const seen: SheetRow[] = []
  let header: SheetRow | undefined
  for (;;) {
    const next = await raw.next()
    if (next.done) break
    if (filled(next.value.cells) === 0) continue
    seen.push(next.value)
    if (filled(next.value.cells) >= 2) {
      header = next.value
      break
    }
    if (seen.length >= HEADER_SEARCH_ROWS) break
  }
  header ??= seen[0]
  if (!header) throw invalid('FILE_EMPTY', text('文件是空的，没有任何内容', 'The file is empty'))
  const top = header.row
  const queue = seen.filter((r) => r.row > top)
  const next = async (): Promise<SheetRow | undefined> => {
    const q = queue.shift()
    if (q) return q
    const n = await raw.next()
    return n.done ? undefined : n.value
  }
  let merges = fileMerges
  let bottom = Math.max(top, ...merges.filter((m) => m.top === top).map((m) => m.bottom))
  const headerRows = new Map<number, string[]>([[top, header.cells]])
  let first: SheetRow | undefined
  for (let r = await next(); r; r = await next()) {
    if (r.row <= bottom) headerRows.set(r.row, r.cells)
    else if (filled(r.cells) > 0) {
      first = r
      break
    }
  }
  if (first && bottom === top) {
    const spans = subHeaderSpans(header.cells, first.cells)
    if (spans) {
      merges = spans.map(([left, right]) => ({ top, bottom: top, left, right }))
      headerRows.set(first.row, first.cells)
      bottom = first.row
      do first = await next()
      while (first && filled(first.cells) === 0)
    }
  }
  const headers = headerLabels(top, bottom, headerRows, merges)
  if (!first)
    throw invalid('FILE_HEADER_ONLY', text('文件只有表头，没有数据行', 'The file has a header row but no data rows'))
  const width = headers.length
  const shape = (r: SheetRow): SheetRow => {
    const cells = r.cells
    if (cells.length > width) {
      if (lastFilled(cells) > width)
        throw new AppError(
          'invalid',
          'FILE_ROW_TOO_LONG',
          text(
            `第 ${r.row} 行有 ${lastFilled(cells)} 个单元格，表头只有 ${width} 列`,
            `Row ${r.row} has ${lastFilled(cells)} cells; the header has ${width} columns`,
          ),
          { details: { row: r.row } },
        )
      return { row: r.row, cells: cells.slice(0, width) }
    }
    while (cells.length < width) cells.push('')
    return r
  }
  const firstData = first
  async function* rows(): AsyncGenerator<SheetRow> {
    try {
      yield shape(firstData)
      for (let r = await next(); r; r = await next()) if (filled(r.cells) > 0) yield shape(r)
    } finally {
      await raw.return?.()
    }
  }
  return { headers, headerRow: top, rows: rows() }
}

/**
 * The spans [left, right] (1-based) of header labels followed by gaps when `below` is their second header row:
 * it has a value under a gap and values only under such spans. Undefined when it looks like data.
 */
function subHeaderSpans(header: string[], below: string[]): Array<[number, number]> | undefined {
  const width = Math.max(lastFilled(header), lastFilled(below))
  const isEmpty = (cells: string[], i: number) => (cells[i] ?? '').trim() === ''
  const spans: Array<[number, number]> = []
  for (let i = 0; i < width; i++) {
    if (isEmpty(header, i)) continue
    let j = i
    while (j + 1 < width && isEmpty(header, j + 1)) j++
    if (j > i) spans.push([i + 1, j + 1])
  }
  if (spans.length === 0) return undefined
  const inSpan = (i: number) => spans.some(([l, r]) => i + 1 >= l && i + 1 <= r)
  let underGap = false
  for (let i = 0; i < width; i++) {
    if (isEmpty(below, i)) continue
    if (!inSpan(i)) return undefined
    if (isEmpty(header, i)) underGap = true
  }
  return underGap ? spans : undefined
}

const lastFilled = (cells: string[]) => {
  let i = cells.length
  while (i > 0 && (cells[i - 1] as string).trim() === '') i--
  return i
}

function headerLabels(top: number, bottom: number, rows: Map<number, string[]>, merges: readonly Merge[]): string[] {
  const inHeader = merges.filter((m) => m.top <= bottom && m.bottom >= top)
  let width = 0
  for (const cells of rows.values()) width = Math.max(width, lastFilled(cells))
  for (const m of inHeader) width = Math.max(width, m.right)
  const at = (r: number, c: number): string => {
    const m = inHeader.find((x) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right)
    const [row, col] = m ? [m.top, m.left] : [r, c]
    return (rows.get(row)?.[col - 1] ?? '').trim()
  }
  const headers: string[] = []
  for (let c = 1; c <= width; c++) {
    const parts: string[] = []
    for (let r = top; r <= bottom; r++) {
      const v = at(r, c)
      if (v !== '' && parts[parts.length - 1] !== v) parts.push(v)
    }
    headers.push(parts.join('/'))
  }
  return headers
}
