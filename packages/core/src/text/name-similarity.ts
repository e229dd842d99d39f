import { type CompanyNameKey, companyNameKey } from './company-name-key.js'

/** Levenshtein distance counted in code points, so a character outside the BMP is one edit, not two. */
export function editDistance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  if (x.length < y.length) return editDistance(b, a)
  let row = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const next = [i]
    for (let j = 1; j <= y.length; j++)
      next[j] = Math.min(
        (row[j] as number) + 1,
        (next[j - 1] as number) + 1,
        (row[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      )
    row = next
  }
  return row[y.length] as number
}

const closeness = (a: string, b: string): number => {
  const longest = Math.max([...a].length, [...b].length)
  return longest === 0 ? 1 : 1 - editDistance(a, b) / longest
}

// A homophone typo (华为 / 华伟) is likelier the same company than any other one-character change.
const SAME_SOUND = 0.9

/**
 * How alike the cores (字号 + 行业) of two company names are, in [0, 1]: 1 for the same core, at least
 * 0.9 when they sound the same (华为技术 / 华伟技术), else the character edit similarity. Region,
 * legal form and branch are left out: whether they agree is for the caller to weigh.
 */
export function nameSimilarity(a: string | CompanyNameKey, b: string | CompanyNameKey): number {
  const x = typeof a === 'string' ? companyNameKey(a) : a
  const y = typeof b === 'string' ? companyNameKey(b) : b
  const chars = closeness(x.core, y.core)
  if (chars === 1) return 1
  return x.pinyin !== '' && x.pinyin === y.pinyin ? SAME_SOUND + (1 - SAME_SOUND) * chars : chars
}
