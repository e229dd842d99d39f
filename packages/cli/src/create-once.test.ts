import { createCustomer, findCustomers } from '@kehu/app'
import { type AppTest, setupAppTest } from '@kehu/app/testing'
import { AppError, text } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOnce } from './create-once.js'

const lost = () =>
  new AppError('unavailable', 'DATABASE_UNREACHABLE', text('数据库连接中断', 'The database connection was lost'))

describe.each(testKinds())('a CLI create after a lost reply on %s', (kind) => {
  let t: AppTest
  let tenant: string
  beforeAll(async () => {
    t = await setupAppTest(kind)
    tenant = await t.newTenant()
  })
  afterAll(() => t?.dispose())

  const named = async (name: string) =>
    (await findCustomers(t.ctx(tenant), { q: name, limit: 10 })).items.map((v) => v.customer)

  it('retries with the same key and gets the customer that the first try committed', async () => {
    const keys: string[] = []
    let first: string | undefined
    const r = await createOnce(
      async (key) => {
        keys.push(key)
        const res = await createCustomer(t.ctx(tenant), { name: '丢失回复有限公司' }, { idempotencyKey: key })
        first ??= res.customer.id
        // committed, then the reply was lost on its way back
        if (keys.length === 1) throw lost()
        return res
      },
      { waitMs: 1 },
    )
    expect(keys).toHaveLength(2)
    expect(keys[1]).toBe(keys[0])
    expect(r.idempotencyKey).toBe(keys[0])
    expect(r.replayed).toBe(true)
    expect(r.customer.id).toBe(first)
    expect((await named('丢失回复有限公司')).map((c) => c.id)).toEqual([first])
  })

  it("keeps the caller's key, and gives up after the last attempt", async () => {
    let n = 0
    await expect(
      createOnce(
        async (key) => {
          expect(key).toBe('mine')
          n++
          throw lost()
        },
        { idempotencyKey: 'mine', attempts: 3, waitMs: 1 },
      ),
    ).rejects.toMatchObject({ code: 'DATABASE_UNREACHABLE' })
    expect(n).toBe(3)
  })

  it('does not retry what a retry cannot change', async () => {
    let n = 0
    await expect(
      createOnce(async (key) => {
        n++
        return createCustomer(t.ctx(tenant), { name: '' }, { idempotencyKey: key })
      }),
    ).rejects.toMatchObject({ kind: 'invalid' })
    expect(n).toBe(1)
  })
})
