import { type Text, text } from '../errors.js'

/**
 * What a file is, told by its first bytes and never by its name: users rename files, and a `.csv` that is
 * really an old `.xls` must get a clear answer, not garbled rows.
 */
export type SniffedFormat = 'csv' | 'xlsx' | 'xls' | 'unknown'

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v)

const SIGNATURES: ReadonlyArray<{ sig: readonly number[]; what: Text }> = [
  { sig: [0x25, 0x50, 0x44, 0x46], what: text('PDF 文档', 'a PDF document') },
  { sig: [0x89, 0x50, 0x4e, 0x47], what: text('PNG 图片', 'a PNG image') },
  { sig: [0xff, 0xd8, 0xff], what: text('JPEG 图片', 'a JPEG image') },
  { sig: [0x47, 0x49, 0x46, 0x38], what: text('GIF 图片', 'a GIF image') },
  { sig: [0x52, 0x61, 0x72, 0x21], what: text('RAR 压缩包', 'a RAR archive') },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], what: text('7z 压缩包', 'a 7z archive') },
  { sig: [0x1f, 0x8b], what: text('gzip 压缩文件', 'a gzip file') },
]

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

export function sniffFormat(firstBytes: Uint8Array): SniffedFormat {
  if (startsWith(firstBytes, ZIP)) return 'xlsx'
  if (startsWith(firstBytes, OLE2)) return 'xls'
  if (describeBinary(firstBytes)) return 'unknown'
  return 'csv'
}

/** What a file that is not a table looks like, for the error message; undefined when it may be text. */
export function describeBinary(firstBytes: Uint8Array): Text | undefined {
  if (startsWith(firstBytes, OLE2))
    return text('旧版 Excel（.xls）或其他 Office 97-2003 文件', 'an old Excel (.xls) or other Office 97–2003 file')
  for (const { sig, what } of SIGNATURES) if (startsWith(firstBytes, sig)) return what
  // UTF-16 text starts with its byte-order mark; other NUL bytes mean a binary file
  if (startsWith(firstBytes, [0xff, 0xfe]) || startsWith(firstBytes, [0xfe, 0xff])) return undefined
  const n = Math.min(firstBytes.length, 4096)
  for (let i = 0; i < n; i++) if (firstBytes[i] === 0) return text('二进制文件', 'a binary file')
  return undefined
}
