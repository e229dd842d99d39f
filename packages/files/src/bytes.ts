import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'

/** A byte stream whose first bytes were read ahead (to sniff the format or the encoding) and are given again. */
export interface Peeked {
  head: Buffer
  chunks: AsyncIterable<Buffer>
}

export async function peek(input: Readable | string, bytes: number): Promise<Peeked> {
  const stream = typeof input === 'string' ? createReadStream(input, { highWaterMark: 256 * 1024 }) : input
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  const got: Buffer[] = []
  let size = 0
  let done = false
  while (size < bytes) {
    const next = await it.next()
    if (next.done) {
      done = true
      break
    }
    const b = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    got.push(b)
    size += b.length
  }
  const head = Buffer.concat(got)
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head
      if (done) return
      for (;;) {
        const next = await it.next()
        if (next.done) return
        yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value
      }
    } finally {
      stream.destroy()
    }
  }
  return { head, chunks: chunks() }
}
