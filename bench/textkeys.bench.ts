import { companyNameKey, fullPinyin, nameSimilarity, normalizeText, searchTokens } from '@kehu/core'
import { generateCustomers } from '@kehu/sample'
import { type BenchContext, compareRates } from './harness.js'

export const name = 'textkeys'
export const description =
  'Chinese text keys per second on sample company names (one thread); floor: the pinyin-pro call on the same names, the dominant library cost'

export async function run(ctx: BenchContext): Promise<void> {
  const count = ctx.scaled(10_000)
  const names = generateCustomers(count, 11).map((c) => c.name)
  const keys = names.map((n) => companyNameKey(n))
  const pinyinOfAll = () => names.map((n) => fullPinyin(n))
  ctx.log(`${count} names`)
  const rate = (label: string, subject: () => unknown) =>
    compareRates({ label, unit: 'names/s', count, subject, floor: pinyinOfAll })
  ctx.record(await rate('normalizeText', () => names.map((n) => normalizeText(n))))
  ctx.record(await rate('companyNameKey', () => names.map((n) => companyNameKey(n))))
  ctx.record(await rate('searchTokens', () => names.map((n) => searchTokens(n))))
  // Each key against its neighbour: the scoring step of duplicate detection, keys made beforehand.
  ctx.record(
    await compareRates({
      label: 'nameSimilarity on made keys',
      unit: 'pairs/s',
      count,
      subject: () => keys.map((k, i) => nameSimilarity(k, keys[(i + 1) % count] as typeof k)),
      floor: pinyinOfAll,
    }),
  )
}
