/**
 * The package's only source of randomness: sfc32 (Chris Doty-Humphrey's Small Fast Counting
 * generator, 128-bit state, passes PractRand) seeded through splitmix32, so any 32-bit integer
 * seed gives a well-mixed, independent stream. Same seed → same sequence on every platform:
 * it uses only 32-bit integer arithmetic (`Math.imul`, `>>>`), no `Math.random`, no clock.
 */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    let s = seed >>> 0
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad)
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97)
      return (z ^ (z >>> 15)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    // Discard the first outputs, as the generator's author recommends.
    for (let i = 0; i < 12; i++) this.uint32()
  }

  /** A uniform unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A uniform float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n)
  }

  /** A uniform integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[this.int(items.length)] as T
  }

  /** n decimal digits (leading zeros allowed). */
  digits(n: number): string {
    let s = ''
    while (n > 0) {
      const k = Math.min(n, 9)
      s += String(this.int(10 ** k)).padStart(k, '0')
      n -= k
    }
    return s
  }
}

/** Picks from a fixed list by weight in O(log n). */
export class Weighted<T> {
  private readonly cumulative: number[] = []
  private readonly total: number

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) throw new Error('weighted: items and weights differ')
    let sum = 0
    for (const w of weights) {
      sum += w
      this.cumulative.push(sum)
    }
    this.total = sum
  }

  pick(rng: Random): T {
    const x = rng.float() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (x < (this.cumulative[mid] as number)) hi = mid
      else lo = mid + 1
    }
    return this.items[lo] as T
  }
}

/** Weights from `[item, weight]` pairs. */
export const weighted = <T>(pairs: readonly (readonly [T, number])[]): Weighted<T> =>
  new Weighted(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  )

/**
 * A keyed pseudo-random permutation of [0, size) (a 4-round Feistel network over 2·halfBits bits
 * with cycle walking): distinct inputs give distinct outputs, which makes generated keys unique
 * by construction without remembering the ones already issued. Needs size ≤ 2^(2·halfBits) and
 * halfBits ≤ 20 so every intermediate stays an exact double.
 */
export function permute(x: number, size: number, halfBits: number, key: number): number {
  const half = 2 ** halfBits
  const mask = half - 1
  let v = x
  do {
    let l = Math.floor(v / half)
    let r = v % half
    for (let round = 0; round < 4; round++) {
      let h = Math.imul(r ^ key ^ Math.imul(round + 1, 0x9e3779b1), 0x85ebca6b)
      h ^= h >>> 13
      h = Math.imul(h, 0xc2b2ae35)
      h ^= h >>> 16
      const nl = r
      r = (l ^ (h & mask)) >>> 0
      l = nl
    }
    v = l * half + r
  } while (v >= size)
  return v
}
