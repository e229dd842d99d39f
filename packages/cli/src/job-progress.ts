import { type AnyJobKind, type JobKind, type RequestContext, runJobInForeground } from '@kehu/app'
import type { Job, JobProgress } from '@kehu/core'
import { Presets, SingleBar } from 'cli-progress'
import { type Io, say } from './io.js'

/** Plain progress lines (not a terminal) at most this often. */
const LINE_EVERY_MS = 2000

/** One progress as words: `导入 1200/5000 写入 1180 错误 20 3100/秒 剩余 2 秒`. */
export function progressText(io: Io, p: JobProgress): string {
  const parts = [`${p.phase ? `${p.phase} ` : ''}${p.done}${p.total === undefined ? '' : `/${p.total}`}`]
  if (p.written !== undefined) parts.push(say(io, `写入 ${p.written}`, `written ${p.written}`))
  if (p.bad) parts.push(say(io, `错误 ${p.bad}`, `bad ${p.bad}`))
  if (p.rate !== undefined) parts.push(say(io, `${Math.round(p.rate)}/秒`, `${Math.round(p.rate)}/s`))
  if (p.etaSeconds !== undefined)
    parts.push(say(io, `剩余 ${Math.ceil(p.etaSeconds)} 秒`, `${Math.ceil(p.etaSeconds)} s left`))
  return parts.join('  ')
}

/**
 * Shows a foreground job's progress: a cli-progress bar on a terminal (on stderr, so stdout stays the
 * command's output), plain lines on stderr otherwise, at most one per two seconds.
 */
export function jobProgress(io: Io, tty = process.stderr.isTTY === true) {
  let bar: SingleBar | undefined
  let lastLine = 0
  let last: JobProgress | undefined
  return {
    update(p: JobProgress) {
      last = p
      if (tty) {
        bar ??= new SingleBar({ format: '{bar} {text}', stream: process.stderr }, Presets.shades_classic)
        if (!bar.isActive) bar.start(p.total ?? p.done, p.done, { text: progressText(io, p) })
        bar.setTotal(p.total ?? p.done)
        bar.update(p.done, { text: progressText(io, p) })
        return
      }
      const now = Date.now()
      if (now - lastLine < LINE_EVERY_MS) return
      lastLine = now
      io.err(progressText(io, p))
    },
    stop() {
      bar?.stop()
      if (!tty && last && lastLine !== 0) io.err(progressText(io, last))
    },
  }
}

/**
 * Runs a job in this process with its progress shown; Ctrl-C gives the job back at its last checkpoint, so the
 * same command run again resumes it (`runJobInForeground`).
 */
export async function runWithProgress<P, R>(
  io: Io,
  ctx: RequestContext,
  kind: JobKind<P, R> | AnyJobKind,
  params: unknown,
): Promise<{ job: Job; result: R }> {
  const progress = jobProgress(io)
  const stop = new AbortController()
  const onSignal = () => stop.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return (await runJobInForeground(ctx, kind as JobKind<P, R>, params, progress.update, {
      stop: stop.signal,
    })) as { job: Job; result: R }
  } finally {
    progress.stop()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
