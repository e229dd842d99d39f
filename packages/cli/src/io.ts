import type { Writable } from 'node:stream'
import type { Lang } from '@kehu/core'

/** Where a command writes: the real streams, or buffers in tests. */
export interface Io {
  out(s: string): void
  err(s: string): void
  lang: Lang
  /** All of standard input (for `--password-stdin`); tests give their own. */
  readStdin?: () => Promise<string>
}

/** The reader went away (`kehu … | head -1`): what is left to print has no one to read it. */
const isClosedPipe = (e: NodeJS.ErrnoException) => e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED'

/**
 * Writes to two streams; once a reader closes its end, writes to it stop quietly and the command
 * ends as it would have (exit 0 when it succeeded), the way `ls | head -1` does, instead of an
 * unhandled EPIPE and a stack trace.
 */
export function streamIo(lang: Lang, stdout: Writable, stderr: Writable): Io {
  const writer = (stream: Writable) => {
    let closed = false
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (!isClosedPipe(e)) throw e
      closed = true
    })
    return (s: string) => {
      if (!closed && !stream.destroyed) stream.write(s.endsWith('\n') ? s : `${s}\n`)
    }
  }
  return { out: writer(stdout), err: writer(stderr), lang }
}

let processStreams: Io | undefined
/** The process's own stdout and stderr; one listener each however often it is asked for. */
export function processIo(lang: Lang): Io {
  processStreams ??= { ...streamIo(lang, process.stdout, process.stderr), readStdin: () => readAll(process.stdin) }
  processStreams.lang = lang
  return processStreams
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

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
