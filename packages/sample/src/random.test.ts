import { describe, expect, it } from 'vitest'
import { permute, Random } from './random.js'

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new Random(1)
    const b = new Random(1)
    const c = new Random(2)
    const sa = Array.from({ length: 100 }, () => a.uint32())
    expect(Array.from({ length: 100 }, () => b.uint32())).toEqual(sa)
    expect(Array.from({ length: 100 }, () => c.uint32())).not.toEqual(sa)
  })

  it('spreads int(n) evenly', () => {
    const r = new Random(9)
    const counts = new Array(10).fill(0)
    for (let i = 0; i < 100_000; i++) counts[r.int(10)]++
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500)
  })
})

describe('permute', () => {
  it('is a bijection of [0, size)', () => {
    for (const size of [1, 31, 1000, 4097]) {
      const seen = new Set<number>()
      for (let i = 0; i < size; i++) seen.add(permute(i, size, 7, 12345))
      expect(seen.size).toBe(size)
      expect(Math.max(...seen)).toBe(size - 1)
    }
  })
})
