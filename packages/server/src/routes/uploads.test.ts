// Uploads over HTTP: the raw body kept as sent, the name from X-File-Name, 413 over the limit, JSON refused.

import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.js'
import { type ServerTest, setupServerTest } from '../testing/server-test.js'

describe.each(testKinds())('upload route on %s', (kind) => {
  let t: ServerTest
  beforeAll(async () => {
    t = await setupServerTest(kind)
  })
  afterAll(() => t?.dispose())
  const post = (app: ReturnType<typeof createApp>, body: Uint8Array, type = 'application/octet-stream') =>
    app.request(`http://localhost/api/t/${t.tenant}/uploads`, {
      method: 'POST',
      headers: { 'content-type': type, origin: 'http://localhost', 'x-file-name': encodeURIComponent('客户 档案.csv') },
      body: Buffer.from(body),
    })

  it('keeps the file and answers 201 with what it is', async () => {
    const r = await post(t.app, new TextEncoder().encode('客户编码,客户名称\r\nC1,甲\r\n'))
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ name: '客户 档案.csv', format: 'csv', size: 35 })
  })

  it('refuses a file over the limit with 413, and a body that is not octet-stream', async () => {
    const small = createApp({ deps: t.deps, actor: t.actor, version: 'test', database: kind, maxUploadBytes: 10 })
    const r = await post(small, new Uint8Array(100))
    expect(r.status).toBe(413)
    expect(await r.json()).toMatchObject({ code: 'UPLOAD_TOO_LARGE' })
    expect((await post(t.app, new Uint8Array(3), 'text/plain')).status).toBe(415)
  })
})
