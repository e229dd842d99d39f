/**
 * The benchmark contract and the measuring helpers every `*.bench.ts` uses.
 * A benchmark compares what it measures with a floor measured in the same run on the same machine
 * (the bare cost of the work underneath), so its `ratio` means something on any machine.
 */

/** One measured figure. `ratio` is `value / floor`, computed by the runner when a floor is given. */
export interface Metric {
  label: string
  value: number
  unit: string
  floor?: number
  ratio?: number
}

export interface BenchContext {
  /** PostgreSQL URL from KEHU_BENCH_PG_URL or KEHU_TEST_PG_URL; undefined when neither is set. */
  pgUrl: string | undefined
  /** Multiplies workload sizes: KEHU_BENCH_SCALE (default 1); use `ctx.scaled(n)`. */
  scale: number
  /** `n` times the scale, at least 1. */
  scaled(n: number): number
  /** Adds a figure to this benchmark's results. */
  record(metric: Metric): void
  /** Prints a progress line. */
  log(message: string): void
}

/** What a `bench/NAME.bench.ts` file exports (as named exports, or as its default export). */
export interface Benchmark {
  name: string
  description: string
  run(ctx: BenchContext): void | Promise<void>
}

/** The results file `bench/results/<name>.json`. */
export interface BenchResult {
  name: string
  description: string
  date: string
  machine: { cpus: number; cpuModel: string; node: string; platform: string }
  metrics: Metric[]
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

/** Milliseconds `fn` takes (awaited). */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

export interface CompareOptions {
  label: string
  /** Unit of the rate, e.g. 'customers/s'. */
  unit: string
  /** How many operations one call of `subject` (and of `floor`) performs. */
  count: number
  /** The thing measured: performs `count` operations. */
  subject: () => unknown
  /** The floor: the same `count` of the bare work underneath. */
  floor: () => unknown
  /** Timed rounds, alternating subject and floor; default 5. */
  rounds?: number
  /** Warm-up before timing: each side runs at least once and for at least this long; default 500 ms. */
  warmupMs?: number
}

async function warmUp(fn: () => unknown, ms: number): Promise<void> {
  let spent = 0
  do spent += await timeMs(fn)
  while (spent < ms)
}

/**
 * Warms both up (so the JIT has compiled them), measures `subject` and `floor` in alternating
 * rounds and returns their median rates
 * (operations per second) as a metric with `ratio = value / floor`.
 */
export async function compareRates(o: CompareOptions): Promise<Metric> {
  const rounds = o.rounds ?? 5
  await warmUp(o.subject, o.warmupMs ?? 500)
  await warmUp(o.floor, o.warmupMs ?? 500)
  const subject: number[] = []
  const floor: number[] = []
  for (let i = 0; i < rounds; i++) {
    subject.push((o.count / (await timeMs(o.subject))) * 1000)
    floor.push((o.count / (await timeMs(o.floor))) * 1000)
  }
  const value = median(subject)
  const f = median(floor)
  return { label: o.label, value, unit: o.unit, floor: f, ratio: value / f }
}
