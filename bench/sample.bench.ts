import { generateCustomers } from '@kehu/sample'
import { type BenchContext, compareRates } from './harness.js'

export const name = 'sample'
export const description =
  'Customers generated per second by generateCustomers; floor: the same count of plain random strings'

/** The floor: one random 20-character string per customer, the least a generator must do. */
function randomStrings(count: number): string[] {
  const out: string[] = []
  for (let i = 0; i < count; i++)
    out.push(Math.random().toString(36).slice(2, 12) + Math.random().toString(36).slice(2, 12))
  return out
}

export async function run(ctx: BenchContext): Promise<void> {
  for (const count of [1_000, ctx.scaled(50_000)]) {
    ctx.log(`generating ${count} customers, 5 rounds`)
    ctx.record(
      await compareRates({
        label: `generateCustomers(${count})`,
        unit: 'customers/s',
        count,
        subject: () => generateCustomers(count, 1),
        floor: () => randomStrings(count),
      }),
    )
  }
}
