// Uploads: streamed into chunks and back byte for byte, hashed and sniffed, refused over the limit leaving
// nothing, deleted after seven days.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppTest, failure, fixedClock, setupAppTest } from '../testing/app-test.js'
import { getUpload, openUpload, writeUploadToTempFile } from './open-upload.js'
import { saveUpload, UPLOAD_CHUNK } from './save-upload.js'

async function* parts(total: number, size: number, fill = (i: number) => i % 251) {
  for (let at = 0; at < total; at += size) {
    const n = Math.min(size, total - at)
    yield Uint8Array.from({ length: n }, (_, i) => fill(at + i))
  }
}

async function collect(chunks: AsyncIterable<Uint8Array>) {
  const all: Uint8Array[] = []
  for await (const c of chunks) all.push(c)
  return Buffer.concat(all)
}

describe.each(testKinds())('uploads on %s', (kind) => {
  let t: AppTest
  let tenant: string
  const clock = fixedClock('2026-03-01T00:00:00.000Z')
  beforeAll(async () => {
    t = await setupAppTest(kind, clock)
    tenant = await t.newTenant()
  })
  afterAll(() => t?.dispose())

  it('keeps a file of several chunks byte for byte, with its hash and format', async () => {
    const total = UPLOAD_CHUNK * 2 + 12345
    const expected = await collect(parts(total, 70_001))
    const u = await saveUpload(t.ctx(tenant), { name: 'C:\\fakepath\\客户.csv', stream: parts(total, 70_001) })
    expect(u).toMatchObject({ name: '客户.csv', size: total, format: 'unknown' })
    expect(u.sha256).toBe(createHash('sha256').update(expected).digest('hex'))
    expect(await getUpload(t.ctx(tenant), u.id)).toEqual(u)
    const back = await collect(await openUpload(t.ctx(tenant), u.id))
    expect(back.equals(expected)).toBe(true)
    const file = await writeUploadToTempFile(t.ctx(tenant), u.id)
    expect(readFileSync(file.path).equals(expected)).toBe(true)
    await file.remove()
  })

  it('tells the format from the first bytes', async () => {
    const csv = await saveUpload(t.ctx(tenant), { name: 'a.xlsx', stream: parts(10, 10, () => 0x41) })
    expect(csv.format).toBe('csv')
    const zip = [0x50, 0x4b, 0x03, 0x04]
    const x = await saveUpload(t.ctx(tenant), { name: 'a.csv', stream: parts(10, 10, (i) => zip[i] ?? 0) })
    expect(x.format).toBe('xlsx')
  })

  it('refuses an upload over the limit and keeps nothing of it', async () => {
    const e = await failure(saveUpload(t.ctx(tenant), { name: 'big.csv', stream: parts(5000, 1000), maxBytes: 4096 }))
    expect(e).toMatchObject({ kind: 'too-large', code: 'UPLOAD_TOO_LARGE' })
    const tenantId = (await t.deps.store.read((tx) => tx.tenants.byCode(tenant)))?.id as string
    // nothing older than now is left but the earlier tests' complete uploads
    expect(await t.deps.store.transaction((tx) => tx.uploads.deleteBefore(tenantId, '2026-03-02T00:00:00.000Z'))).toBe(
      3,
    )
  })

  it('deletes uploads older than seven days when another is saved', async () => {
    const old = await saveUpload(t.ctx(tenant), { name: 'old.csv', stream: parts(3, 3) })
    clock.set('2026-03-09T00:00:00.000Z')
    await saveUpload(t.ctx(tenant), { name: 'new.csv', stream: parts(3, 3) })
    expect((await failure(getUpload(t.ctx(tenant), old.id))).code).toBe('UPLOAD_NOT_FOUND')
  })
})
