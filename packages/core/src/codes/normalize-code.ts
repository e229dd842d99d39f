/**
 * A code as it is stored, compared and looked up: NFKC (full-width to half-width), trimmed,
 * ASCII letters upper-cased. Only ASCII is upper-cased so that codes never change under a locale.
 */
export function normalizeCode(s: string): string {
  return upperAscii(s.normalize('NFKC').trim())
}

/** NFKC and ASCII upper case without trimming: for pieces of a code (literals, printed values). */
export function normalizePiece(s: string): string {
  return upperAscii(s.normalize('NFKC'))
}

const upperAscii = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase())
