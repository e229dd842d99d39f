import { Converter } from 'opencc-js/t2cn'

// OpenCC's t2s, character by character (TSPhrases only pick the right character, as in 乾坤 vs 乾燥):
// never the Taiwan phrase mode, which rewrites words (資訊 → 信息) and so the registered name.
// Built on first use: the dictionaries cost a few milliseconds and the web bundle never needs them.
let t2s: ((s: string) => string) | undefined

/** Traditional characters as simplified ones (華為 → 华为); everything else unchanged. */
export function toSimplified(s: string): string {
  t2s ??= Converter({ from: 't', to: 'cn' })
  return (t2s as (s: string) => string)(s)
}

/** NFKC (full-width → half-width), lower case and simplified characters, punctuation and spaces kept. */
export function foldText(s: string): string {
  // Lower-casing can leave a string NFKC would change again (İ → i̇), hence the second pass.
  return toSimplified(s.normalize('NFKC').toLowerCase().normalize('NFKC'))
}

const NOT_WORD = /[^\p{L}\p{N}\p{M}]/gu

/**
 * The form two texts are compared in: NFKC, traditional → simplified, lower case, and every space,
 * punctuation mark and symbol (CJK and ASCII) removed. 華為 技術（深圳）  → 华为技术深圳.
 */
export function normalizeText(s: string): string {
  return foldText(s).replace(NOT_WORD, '')
}
