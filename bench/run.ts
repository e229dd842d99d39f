/**
 * `npm run bench` runs every bench/*.bench.ts; `npm run bench -- NAME…` only those named.
 * Each benchmark runs alone, in this process, one after the other; its figures go to
 * bench/results/<name>.json, and the table in bench/README.md is regenerated from all results files.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { register } from 'node:module'
import { cpus } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchContext, Benchmark, BenchResult, Metric } from './harness.js'

// `@kehu/*` resolves to the packages' TypeScript sources (see resolve-src.mjs).
register('./resolve-src.mjs', import.meta.url)

const dir = fileURLToPath(new URL('.', import.meta.url))
const resultsDir = join(dir, 'results')
const readme = join(dir, 'README.md')
const START = '<!-- results:start -->'
const END = '<!-- results:end -->'

function isBenchmark(x: unknown): x is Benchmark {
  const b = x as Partial<Benchmark> | null
  return !!b && typeof b.name === 'string' && typeof b.description === 'string' && typeof b.run === 'function'
}

async function load(file: string): Promise<Benchmark> {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>
  const b = isBenchmark(mod.default) ? mod.default : mod
  if (!isBenchmark(b)) throw new Error(`${file} must export name, description and run(ctx)`)
  return b
}

function format(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  const abs = Math.abs(n)
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
}

const ratioText = (m: Metric) => (m.ratio === undefined ? '' : `${(m.ratio * 100).toFixed(1)} %`)

function printMetrics(metrics: Metric[]): void {
  for (const m of metrics) {
    const floor = m.floor === undefined ? '' : `  floor ${format(m.floor)} ${m.unit}  ratio ${ratioText(m)}`
    console.log(`  ${m.label}: ${format(m.value)} ${m.unit}${floor}`)
  }
}

function readResults(): BenchResult[] {
  return readdirSync(resultsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as BenchResult)
}

/** A Markdown table padded the way Biome formats one, so `npm run lint` stays clean after a run. */
function markdownTable(header: string[], right: boolean[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(' | ')} |`
  const rule = `| ${widths.map((w, i) => (right[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

function table(results: BenchResult[]): string {
  if (results.length === 0) return '_No results yet: run `npm run bench`._'
  const rows: string[][] = []
  for (const r of results) {
    const machine = `${r.machine.cpus} CPU, Node ${r.machine.node.replace(/^v/, '')}, ${r.machine.platform}`
    for (const m of r.metrics) {
      const floor = m.floor === undefined ? '' : format(m.floor)
      rows.push([r.name, m.label, `${format(m.value)} ${m.unit}`, floor, ratioText(m), r.date.slice(0, 10), machine])
    }
  }
  return markdownTable(
    ['benchmark', 'metric', 'value', 'floor', 'ratio', 'date', 'machine'],
    [false, false, true, true, true, false, false],
    rows,
  )
}

function updateReadme(): void {
  const text = readFileSync(readme, 'utf8')
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  if (start < 0 || end < start) throw new Error(`bench/README.md lacks the markers ${START} … ${END}`)
  const body = `${START}\n${table(readResults())}\n${END}`
  writeFileSync(readme, text.slice(0, start) + body + text.slice(end + END.length))
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
  const benches: Benchmark[] = []
  for (const f of files) {
    const b = await load(f)
    if (basename(f, '.bench.ts') !== b.name)
      throw new Error(`${f} exports the name ${b.name}; name the file ${b.name}.bench.ts`)
    benches.push(b)
  }
  const unknown = wanted.filter((w) => !benches.some((b) => b.name === w))
  if (unknown.length > 0) {
    console.error(`unknown benchmark: ${unknown.join(', ')}; there are: ${benches.map((b) => b.name).join(', ')}`)
    return 2
  }
  const selected = wanted.length > 0 ? benches.filter((b) => wanted.includes(b.name)) : benches

  const pgUrl = process.env.KEHU_BENCH_PG_URL || process.env.KEHU_TEST_PG_URL || undefined
  const scale = Number(process.env.KEHU_BENCH_SCALE ?? '1')
  if (!(scale > 0)) throw new Error(`KEHU_BENCH_SCALE must be a positive number, not ${process.env.KEHU_BENCH_SCALE}`)
  const cpu = cpus()
  const machine = {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  }
  console.log(`${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, PostgreSQL: ${pgUrl ? 'yes' : 'not set'}`)

  mkdirSync(resultsDir, { recursive: true })
  let failed = 0
  for (const b of selected) {
    console.log(`\n▶ ${b.name} — ${b.description}`)
    const metrics: Metric[] = []
    const ctx: BenchContext = {
      pgUrl,
      scale,
      scaled: (n) => Math.max(1, Math.round(n * scale)),
      record(m) {
        const metric = { ...m }
        if (metric.floor !== undefined && metric.ratio === undefined && metric.floor !== 0)
          metric.ratio = metric.value / metric.floor
        metrics.push(metric)
        printMetrics([metric])
      },
      log: (message) => console.log(`  · ${message}`),
    }
    const started = Date.now()
    try {
      await b.run(ctx)
    } catch (e) {
      failed++
      console.error(`✗ ${b.name} failed:`, e)
      continue
    }
    if (metrics.length === 0) {
      failed++
      console.error(`✗ ${b.name} recorded no metric`)
      continue
    }
    const result: BenchResult = {
      name: b.name,
      description: b.description,
      date: new Date().toISOString(),
      machine,
      metrics,
    }
    writeFileSync(join(resultsDir, `${b.name}.json`), `${JSON.stringify(result, null, 2)}\n`)
    console.log(`✓ ${b.name} in ${((Date.now() - started) / 1000).toFixed(1)} s → bench/results/${b.name}.json`)
  }
  updateReadme()
  // The table pads wide (CJK) characters its own way; biome's layout is the one `npm run lint` accepts.
  execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.resolve('@biomejs/biome/bin/biome')), 'format', '--write', readme],
    { stdio: 'ignore' },
  )
  console.log('\nbench/README.md results table updated')
  return failed > 0 ? 1 : 0
}

process.exitCode = await main()
