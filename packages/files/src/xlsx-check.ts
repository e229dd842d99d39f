import { AppError, invalid, text } from '@kehu/core'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { notATable } from './not-a-table.js'
import type { Merge } from './table.js'

/** Bounds an XLSX must keep before anything inflates it for real. */
export interface ZipLimits {
  maxEntries: number
  /** Uncompressed bytes of one entry, declared and real. */
  maxEntryBytes: number
  maxTotalBytes: number
  /** Uncompressed ÷ compressed, for entries over 1 MB (sheet XML compresses 5–50×; bombs 1000×). */
  maxRatio: number
  /** Bytes of text between two XML tags: one cell's value (Excel's 32,767 characters, escaped, fit). */
  maxTextBytes: number
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 1024 ** 3,
  maxTotalBytes: 2 * 1024 ** 3,
  maxRatio: 200,
  maxTextBytes: 32_767 * 6,
}

export interface SheetInfo {
  name: string
  /** Its entry in the zip, e.g. `xl/worksheets/sheet1.xml`. */
  path: string
  hasValues: boolean
  merges: Merge[]
}

export interface WorkbookInfo {
  sheets: SheetInfo[]
  date1904: boolean
}

/** Gap allowed between one entry's data and the next header (a data descriptor): room for nothing hidden. */
const MAX_GAP = 64

const bomb = (zh: string, en: string, details?: Record<string, unknown>) =>
  new AppError('too-large', 'FILE_ZIP_BOMB', text(zh, en), details ? { details } : {})
const damaged = (cause?: unknown) =>
  invalid('FILE_XLSX_DAMAGED', text('XLSX 文件已损坏，无法读取', 'The XLSX file is damaged and cannot be read'), [], {
    reason: cause instanceof Error ? cause.message : undefined,
  })

/**
 * Reads an XLSX's zip directory and inflates the parts a reader will parse, counting, before the reader sees
 * them: the entry count, each entry's declared and real size, the compression ratio, no bytes hidden between
 * entries (a streaming unzip reads local headers, not the directory), and the longest text between two tags.
 * On the way it collects what the streaming reader does not give: sheet names in order, each sheet's merged
 * cells (written after its rows) and whether it has values, and the 1904 date system.
 */
export async function checkXlsx(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<WorkbookInfo> {
  let zip: ZipFile
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true })
  } catch (e) {
    throw damaged(e)
  }
  try {
    return await inspect(zip, limits)
  } finally {
    zip.close()
  }
}

async function inspect(zip: ZipFile, limits: ZipLimits): Promise<WorkbookInfo> {
  const directoryAt = (zip as unknown as { readEntryCursor: number }).readEntryCursor
  if (zip.entryCount > limits.maxEntries)
    throw bomb(
      `压缩包有 ${zip.entryCount} 个条目，超过上限`,
      `The archive has ${zip.entryCount} entries, over the limit`,
    )
  const entries = await readEntries(zip)
  let total = 0
  for (const e of entries) {
    total += e.uncompressedSize
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize)
    if (
      e.uncompressedSize > limits.maxEntryBytes ||
      total > limits.maxTotalBytes ||
      (e.uncompressedSize > 1024 ** 2 && ratio > limits.maxRatio)
    )
      throw bomb(
        `“${e.fileName}”解压后 ${mb(e.uncompressedSize)}（压缩比 ${Math.round(ratio)}:1），超过上限`,
        `"${e.fileName}" would unpack to ${mb(e.uncompressedSize)} (ratio ${Math.round(ratio)}:1), over the limit`,
        { entry: e.fileName, size: e.uncompressedSize, ratio },
      )
  }
  await checkNothingHidden(zip, entries, directoryAt)
  const byName = new Map(entries.map((e) => [e.fileName, e]))
  const workbookEntry = byName.get('xl/workbook.xml')
  if (!workbookEntry) throw notATable(whatZipIs(byName))
  const workbookXml = (await inflate(zip, workbookEntry, limits)).text
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels')
  const relsXml = relsEntry ? (await inflate(zip, relsEntry, limits)).text : ''
  const targets = new Map<string, string>()
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id')
    const target = attr(m[0], 'Target')
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`)
  }
  const sheets: SheetInfo[] = []
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const path = targets.get(attr(m[0], 'r:id') ?? '') ?? ''
    const entry = byName.get(path)
    const scan = entry ? await inflate(zip, entry, limits, true) : { merges: [], hasValues: false, text: '' }
    sheets.push({ name: xmlText(attr(m[0], 'name') ?? ''), path, hasValues: scan.hasValues, merges: scan.merges })
  }
  for (const e of entries)
    if (e.fileName === 'xl/sharedStrings.xml' || e.fileName === 'xl/styles.xml') await inflate(zip, e, limits)
  return { sheets, date1904: /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbookXml) }
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = []
    zip.on('entry', (e: Entry) => {
      entries.push(e)
      zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', (e) => reject(damaged(e)))
    zip.readEntry()
  })
}

async function checkNothingHidden(zip: ZipFile, entries: Entry[], directoryAt: number) {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader)
  let end = 0
  for (const e of sorted) {
    if (e.relativeOffsetOfLocalHeader - end > MAX_GAP) throw hidden()
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(e, { minimal: true }).catch((x) => {
      throw damaged(x)
    })
    end = fileDataStart + e.compressedSize
  }
  if (directoryAt - end > MAX_GAP) throw hidden()
}

const hidden = () =>
  bomb('压缩包中有目录未列出的数据，已拒绝', 'The archive holds data its directory does not list; refused')

const mb = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MB`

function whatZipIs(byName: Map<string, Entry>) {
  if (byName.has('word/document.xml')) return text('Word 文档（.docx）', 'a Word document (.docx)')
  if (byName.has('ppt/presentation.xml')) return text('PowerPoint 演示文稿', 'a PowerPoint presentation')
  if (byName.has('content.xml'))
    return text('OpenDocument 文件（如 .ods，请另存为 .xlsx）', 'an OpenDocument file (e.g. .ods; save it as .xlsx)')
  return text('ZIP 压缩包', 'a ZIP archive')
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')

interface Scan {
  text: string
  hasValues: boolean
  merges: Merge[]
}

const LT = 0x3c
const GT = 0x3e
const VALUE_TAGS = [Buffer.from('<v>'), Buffer.from('<v '), Buffer.from('<is>'), Buffer.from('<t>'), Buffer.from('<t ')]
const MERGE = Buffer.from('<mergeCell ')

/** Inflates one entry, counting its real size and its longest text; keeps the text of small entries only. */
async function inflate(zip: ZipFile, entry: Entry, limits: ZipLimits, sheet = false): Promise<Scan> {
  let stream: NodeJS.ReadableStream
  try {
    stream = await zip.openReadStreamPromise(entry)
  } catch (e) {
    throw damaged(e)
  }
  const keep = !sheet
  const kept: Buffer[] = []
  let size = 0
  let run = 0
  let hasValues = false
  let carry: Buffer = Buffer.alloc(0)
  const merges: Merge[] = []
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > limits.maxEntryBytes)
        throw bomb(`“${entry.fileName}”解压后超过上限`, `"${entry.fileName}" unpacks to more than the limit`)
      if (keep) {
        if (size > 16 * 1024 ** 2) throw damaged(new Error(`${entry.fileName} is too large for its kind`))
        kept.push(chunk)
      }
      // text between tags: a cell's value; refuse before any parser holds it
      for (let i = 0; i < chunk.length; ) {
        const lt = chunk.indexOf(LT, i)
        if (lt < 0) {
          run += chunk.length - i
          break
        }
        run += lt - i
        if (run > limits.maxTextBytes) throw cellTooLarge(entry.fileName, limits)
        const gt = chunk.indexOf(GT, lt)
        run = 0
        if (gt < 0) break
        i = gt + 1
      }
      if (run > limits.maxTextBytes) throw cellTooLarge(entry.fileName, limits)
      if (sheet) {
        const window = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
        if (!hasValues) hasValues = VALUE_TAGS.some((t) => window.includes(t))
        for (let at = window.indexOf(MERGE); at >= 0; at = window.indexOf(MERGE, at + 1)) {
          const end = window.indexOf(GT, at)
          if (end < 0) break
          // a tag cut at the chunk's end is seen whole in the next window
          if (at < carry.length && end < carry.length) continue
          const ref = attr(window.subarray(at, end + 1).toString('latin1'), 'ref')
          const m = ref && parseRange(ref)
          if (m) merges.push(m)
        }
        carry = window.subarray(Math.max(0, window.length - 256))
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e
    if (e instanceof Error && e.message.startsWith('too many bytes'))
      throw bomb(
        `“${entry.fileName}”解压后比它声明的更大，已拒绝`,
        `"${entry.fileName}" unpacks to more than it declares; refused`,
        { entry: entry.fileName },
      )
    throw damaged(e)
  }
  return { text: keep ? Buffer.concat(kept).toString('utf8') : '', hasValues, merges }
}

const cellTooLarge = (part: string, limits: ZipLimits) =>
  new AppError(
    'too-large',
    'FILE_CELL_TOO_LARGE',
    text(
      `“${part}”中有单元格超过 ${Math.floor(limits.maxTextBytes / 6)} 个字符的上限`,
      `"${part}" has a cell longer than the limit of ${Math.floor(limits.maxTextBytes / 6)} characters`,
    ),
    { details: { part } },
  )

/** `B2:D3` → its rectangle, 1-based. */
export function parseRange(ref: string): Merge | undefined {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref)
  if (!m) return undefined
  return { left: colNumber(m[1] as string), top: Number(m[2]), right: colNumber(m[3] as string), bottom: Number(m[4]) }
}

const colNumber = (letters: string) => {
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}
