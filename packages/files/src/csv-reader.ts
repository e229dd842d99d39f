import type { Readable } from 'node:stream'
import { AppError, describeBinary, invalid, type RowSource, type SheetRow, type TextEncoding, text } from '@kehu/core'
import { analyse } from 'chardet'
import { parse } from 'csv-parse'
import iconv from 'iconv-lite'
import { peek } from './bytes.js'
import { notATable } from './not-a-table.js'
import { tableFrom } from './table.js'

export interface CsvOptions {
  /** `auto` (default): a BOM, else strict UTF-8 over the first 64 KB, else what chardet finds (GB18030 for GBK). */
  encoding?: 'auto' | TextEncoding
  /** Characters one cell may hold; Excel's own limit by default. */
  maxCellChars?: number
}

/** Excel refuses cells longer than this, so no real spreadsheet has one. */
export const MAX_CELL_CHARS = 32_767
const SAMPLE = 64 * 1024
const UTF8_BOM = [0xef, 0xbb, 0xbf]

export async function openCsv(input: Readable | string, opts: CsvOptions = {}): Promise<RowSource> {
  const { head, chunks } = await peek(input, SAMPLE)
  const bom = head[0] === UTF8_BOM[0] && head[1] === UTF8_BOM[1] && head[2] === UTF8_BOM[2]
  const binary = describeBinary(head)
  if (binary) throw notATable(binary)
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    throw invalid(
      'FILE_ENCODING',
      text(
        '这是 UTF-16（Excel“Unicode 文本”）文件，请另存为“CSV UTF-8”或 XLSX',
        'This is a UTF-16 (Excel "Unicode text") file; save it as "CSV UTF-8" or XLSX',
      ),
    )
  const encoding = opts.encoding && opts.encoding !== 'auto' ? opts.encoding : bom ? 'utf-8' : detect(head)
  const sample = decodeSample(head, encoding)
  const delimiter = detectDelimiter(sample)
  const decoded = new Decoded(chunks, encoding)
  const parser = parse({
    delimiter,
    relax_column_count: true,
    max_record_size: opts.maxCellChars ?? MAX_CELL_CHARS,
  })
  const limit = opts.maxCellChars ?? MAX_CELL_CHARS
  const records = readRecords(decoded, parser, limit)
  const table = await tableFrom(records)
  return { format: 'csv', encoding, bom, headers: table.headers, headerRow: table.headerRow, rows: table.rows }
}

function detect(head: Buffer): TextEncoding {
  if (validUtf8Prefix(head)) return 'utf-8'
  // Chinese text that began as valid UTF-8 and then broke is a file mixing encodings: read it as UTF-8, so the
  // error names the row where it changes (GBK text is invalid UTF-8 from its first Chinese character on)
  const lenient = new TextDecoder('utf-8').decode(head)
  if (/[\u0080-\ufffc]/.test(lenient.slice(0, lenient.indexOf('\ufffd')))) return 'utf-8'
  const best = analyse(head).find((m) => m.name === 'GB18030' || m.name === 'UTF-8')
  // what is not UTF-8 in a Chinese office is GBK (a part of GB18030); chardet confirms it or finds nothing better
  return best?.name === 'UTF-8' ? 'utf-8' : 'gb18030'
}

/** Valid UTF-8, allowing a character cut off at the end of the sample. */
function validUtf8Prefix(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true })
    return true
  } catch {
    return false
  }
}

function decodeSample(head: Buffer, encoding: TextEncoding): string {
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(head) : iconv.decode(head, 'gb18030')
}

/** The one of , ; tab that splits the first lines most evenly (quoted parts aside); ',' when none does. */
export function detectDelimiter(sample: string): string {
  const lines = sample
    .replace(/"(?:[^"]|"")*"/g, '""')
    .split(/\r?\n/)
    .slice(0, 20)
    .filter((l) => l.trim() !== '')
  let best = ','
  let bestScore = 0
  for (const d of [',', ';', '\t']) {
    const counts = lines.map((l) => l.split(d).length - 1)
    const max = Math.max(0, ...counts)
    // rows that agree with the widest count (title rows have none)
    const score = max === 0 ? 0 : counts.filter((c) => c === max).length * max
    if (score > bestScore) {
      best = d
      bestScore = score
    }
  }
  return best
}

/**
 * The text of a byte stream. A byte that is not valid in the encoding stops it at the start of that line and
 * records where, so every record before it is read and the error names the row.
 */
class Decoded {
  failedAtLine: number | undefined
  private lines = 1
  constructor(
    private chunks: AsyncIterable<Buffer>,
    private encoding: TextEncoding,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    const utf8 = new TextDecoder('utf-8', { fatal: true })
    const gb = this.encoding === 'gb18030' ? iconv.getDecoder('gb18030') : undefined
    for await (const chunk of this.chunks) {
      let s: string
      if (gb) {
        s = gb.write(chunk)
        const bad = s.indexOf('\uFFFD')
        if (bad >= 0) {
          yield this.stopAt(s, bad)
          return
        }
      } else {
        try {
          s = utf8.decode(chunk, { stream: true })
        } catch {
          const lenient = new TextDecoder('utf-8').decode(chunk)
          yield this.stopAt(lenient, lenient.indexOf('\uFFFD'))
          return
        }
      }
      this.lines += count(s, '\n')
      yield s
    }
    const rest = gb ? gb.end() : utf8.decode()
    if (rest) yield rest
  }

  private stopAt(s: string, bad: number): string {
    const lineStart = s.lastIndexOf('\n', bad) + 1
    this.failedAtLine = this.lines + count(s.slice(0, lineStart), '\n')
    return s.slice(0, lineStart)
  }
}

const count = (s: string, ch: string) => {
  let n = 0
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++
  return n
}

async function* readRecords(
  decoded: Decoded,
  parser: ReturnType<typeof parse>,
  limit: number,
): AsyncGenerator<SheetRow> {
  // the parser is fed from the decoded text; stopping either side stops the other (and closes the file)
  const feed = (async () => {
    for await (const s of decoded) {
      if (parser.destroyed) return
      if (!parser.write(s))
        await new Promise((r) => {
          parser.once('drain', r)
          parser.once('close', r)
        })
    }
    parser.end()
  })().catch((e: unknown) => parser.destroy(e as Error))
  let row = 0
  const failure = (e: unknown) => {
    if (decoded.failedAtLine !== undefined) return encodingError(row + 1, decoded.failedAtLine)
    // the parser may have read ahead of the rows taken from it
    const parsed = (e as { records?: number } | undefined)?.records ?? 0
    return csvError(e, Math.max(row, parsed) + 1, limit)
  }
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++
      yield { row, cells: record }
    }
    await feed
  } catch (e) {
    throw failure(e)
  } finally {
    parser.destroy()
    await feed
  }
  if (decoded.failedAtLine !== undefined) throw failure(undefined)
}

const encodingError = (row: number, line: number) =>
  invalid(
    'FILE_ENCODING',
    text(
      `第 ${row} 行（文件第 ${line} 行）含有不属于本文件编码的字符：文件可能混用了编码，请统一另存为“CSV UTF-8”`,
      `Row ${row} (line ${line} of the file) has bytes that are not valid in the file's encoding: the file may mix encodings; save it again as "CSV UTF-8"`,
    ),
    [],
    { row, line },
  )

function csvError(e: unknown, row: number, limit: number): AppError {
  if (e instanceof AppError) return e
  const code = (e as { code?: string }).code
  if (code === 'CSV_MAX_RECORD_SIZE')
    return new AppError(
      'too-large',
      'FILE_CELL_TOO_LARGE',
      text(
        `第 ${row} 行有单元格超过 ${limit} 个字符的上限`,
        `Row ${row} has a cell longer than the limit of ${limit} characters`,
      ),
      { details: { row, limit } },
    )
  return invalid(
    'FILE_CSV_MALFORMED',
    text(`第 ${row} 行 CSV 格式有误（如引号未闭合）`, `Row ${row}: the CSV is malformed (e.g. a quote is not closed)`),
    [],
    { row },
  )
}
