import type { Lang } from '@kehu/core'

/** Where a command writes: the real streams, or buffers in tests. */
export interface Io {
  out(s: string): void
  err(s: string): void
  lang: Lang
}

export const processIo = (lang: Lang): Io => ({
  out: (s) => process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
  lang,
})

/** Chinese or English by the chosen language. */
export const say = (io: Io, zh: string, en: string) => (io.lang === 'en' ? en : zh)

/** A plain aligned table for terminals; `--json` output bypasses it. */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)
  const width = (s: string) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1), 0)
  const widths = columns.map((c) => Math.max(width(c), ...rows.map((r) => width(cell(r[c])))))
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(v))))
      .join('  ')
      .trimEnd()
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join('\n')
}
