import { crc32, deflateRawSync } from 'node:zlib'

export interface ZipPart {
  name: string
  data: Buffer | string
  /** Declare another uncompressed size than the real one (a lying header). */
  declaredSize?: number
  /** Bytes slipped in before this entry's header, listed in no directory. */
  hiddenBefore?: Buffer
}

/** A zip written by hand, so tests can build archives no honest tool writes. */
export function makeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    if (p.hiddenBefore) {
      locals.push(p.hiddenBefore)
      offset += p.hiddenBefore.length
    }
    const data = typeof p.data === 'string' ? Buffer.from(p.data) : p.data
    const packed = deflateRawSync(data, { level: 1 })
    const name = Buffer.from(p.name)
    const size = p.declaredSize ?? data.length
    const crc = crc32(data)
    const local = header(30, 0x04034b50, [
      [4, 2, 20],
      [6, 2, 0x0800],
      [8, 2, 8],
      [14, 4, crc],
      [18, 4, packed.length],
      [22, 4, size],
      [26, 2, name.length],
    ])
    locals.push(local, name, packed)
    const dir = header(46, 0x02014b50, [
      [4, 2, 20],
      [6, 2, 20],
      [8, 2, 0x0800],
      [10, 2, 8],
      [16, 4, crc],
      [20, 4, packed.length],
      [24, 4, size],
      [28, 2, name.length],
      [42, 4, offset],
    ])
    central.push(dir, name)
    offset += 30 + name.length + packed.length
  }
  const cd = Buffer.concat(central)
  const end = header(22, 0x06054b50, [
    [8, 2, parts.length],
    [10, 2, parts.length],
    [12, 4, cd.length],
    [16, 4, offset],
  ])
  return Buffer.concat([...locals, cd, end])
}

/** A zip record: its signature, then little-endian fields at their offsets (offset, bytes, value). */
function header(size: number, signature: number, fields: Array<[number, 2 | 4, number]>): Buffer {
  const b = Buffer.alloc(size)
  b.writeUInt32LE(signature, 0)
  for (const [at, bytes, v] of fields) bytes === 2 ? b.writeUInt16LE(v, at) : b.writeUInt32LE(v, at)
  return b
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

/** The parts of a minimal one-sheet XLSX around the given sheetData XML. */
export function xlsxParts(sheetData: string, extra: Partial<Record<'workbookPr', string>> = {}): ZipPart[] {
  return [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0"?><workbook ${NS} ${R}>${extra.workbookPr ?? ''}<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    },
    {
      name: 'xl/styles.xml',
      data: `<?xml version="1.0"?><styleSheet ${NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: `<?xml version="1.0"?><worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`,
    },
  ]
}

/** `<c>` with an inline string. */
export const inline = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`
/** `<c>` with a number as the file stores it (e.g. 0.30000000000000004). */
export const num = (ref: string, v: string) => `<c r="${ref}"><v>${v}</v></c>`
/** `<c>` with a date serial in a date style (yyyy-mm-dd's built-in 14). */
export const date = (ref: string, serial: number) => `<c r="${ref}" s="1"><v>${serial}</v></c>`
export const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`
