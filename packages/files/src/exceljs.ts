import { createRequire } from 'node:module'
import { StringDecoder } from 'node:string_decoder'

/*
 * exceljs, mended where its streaming reader loses text, loaded only from here so the mending comes first:
 * - its SAX feed decodes each zip chunk alone, so a Chinese character cut by a chunk boundary became two U+FFFD;
 *   the feed gets whole characters (one StringDecoder per part);
 * - it decodes XML entities a second time in string cells the SAX parser has already decoded (a cell reading
 *   `&amp;` became `&`); that decoder becomes the identity;
 * - its writer drops control characters XML cannot hold; they travel as OOXML's own escape `_xHHHH_`
 *   (ECMA-376 ST_Xstring), which Excel reads, and `escapeOoxml`/`unescapeOoxml` apply it.
 */
const require = createRequire(import.meta.url)

async function* whole(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  for await (const chunk of input) yield typeof chunk === 'string' ? chunk : decoder.write(chunk)
  const rest = decoder.end()
  if (rest) yield rest
}

let loaded: typeof import('exceljs') | undefined

/** exceljs, mended, loaded on first use: it takes about 0.4 s, which every `kehu` command paid before. */
export function excel(): typeof import('exceljs') {
  if (loaded) return loaded
  const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js')
  const parseSax = require(parseSaxPath) as (input: AsyncIterable<Buffer | string>) => AsyncGenerator<unknown>
  const cached = require.cache[parseSaxPath]
  if (cached) cached.exports = (input: AsyncIterable<Buffer | string>) => parseSax(whole(input))
  const utils = require('exceljs/lib/utils/utils.js') as { xmlDecode: (s: string) => string }
  utils.xmlDecode = (s) => s
  loaded = require('exceljs') as typeof import('exceljs')
  return loaded
}

export type { Cell, Row } from 'exceljs'

// XML 1.0 has no control characters but tab, LF and CR, and a parser turns CR LF into LF; exceljs also drops DEL
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what it escapes
const ESCAPED = /[\x00-\x08\x0b-\x1f\x7f]|_(?=x[0-9A-Fa-f]{4}_)/g
const hex4 = (c: number) => `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`

export const escapeOoxml = (s: string) => s.replace(ESCAPED, (ch) => hex4(ch.charCodeAt(0)))

export const unescapeOoxml = (s: string) =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    : s
