import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../classification/create-node.js'
import { type AppTest, fixedClock, setupAppTest } from '../testing/app-test.js'
import { createCustomer } from './create-customer.js'

describe.each(testKinds())('createCustomer on %s', (kind) => {
  let t: AppTest
  const clock = fixedClock('2023-10-01T02:00:00.000Z')
  beforeAll(async () => {
    t = await setupAppTest(kind, clock)
  })
  afterAll(() => t?.dispose())

  async function tenantWithRule(pattern: string, mode = 'auto', onClash = 'next', legacyCodes = false) {
    const code = await t.newTenant()
    const tenant = await t.deps.store.read((tx) => tx.tenants.byCode(code))
    await t.deps.store.transaction(async (tx) => {
      const rules = await tx.codeRules.list(tenant!.id)
      await tx.codeRules.update({
        ...rules[0]!,
        pattern,
        mode: mode as 'auto',
        onClash: onClash as 'next',
        legacyCodes,
      })
      await tx.codeMaps.insert({
        id: t.deps.ids.next(),
        tenantId: tenant!.id,
        name: '地区简称',
        entries: [{ value: '北京', short: 'BJ' }],
        createdAt: '2023-01-01T00:00:00.000Z',
        updatedAt: '2023-01-01T00:00:00.000Z',
      })
    })
    for (const [scheme, nodeCode, name, parent] of [
      ['type', 'V', '重要客户', null],
      ['type', 'RT', '零售', null],
      ['region', 'HB', '华北', null],
      ['region', 'HBBJ', '北京', 'HB'],
      ['class', '01', '大客户', null],
      ['class', '01001', '北京大客户', '01'],
    ] as const)
      await createNode(t.ctx(code), scheme, { code: nodeCode, name, parentCode: parent })
    return code
  }

  it('prints the seed example V-BJ-20231001-00001 and counts per scope', async () => {
    const tc = await tenantWithRule('{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}')
    const a = await createCustomer(t.ctx(tc), {
      name: '北京华信科技有限公司',
      type: 'V',
      region: 'HBBJ',
      class: '01001',
    })
    const b = await createCustomer(t.ctx(tc), {
      name: '北京东方贸易有限公司',
      type: 'V',
      region: 'HBBJ',
      class: '01001',
    })
    const c = await createCustomer(t.ctx(tc), {
      name: '北京零售商行',
      type: 'RT',
      region: 'HBBJ',
      class: '01001',
    })
    expect([a.customer.code, b.customer.code, c.customer.code]).toEqual([
      'V-BJ-20231001-00001',
      'V-BJ-20231001-00002',
      'RT-BJ-20231001-00001',
    ])
    expect(a.customer.mnemonic).toBe('HXKJ')
    const history = await t.deps.store.read((tx) => tx.audit.listFor(a.customer.tenantId, 'customer', a.customer.id))
    expect(history.map((e) => e.action)).toEqual(['customer.created'])
  })

  it('reports every field problem at once and spends no number', async () => {
    const tc = await tenantWithRule('{serial:5}')
    const err = await createCustomer(t.ctx(tc), {
      name: '',
      uscc: '91350100M000100Y44',
      class: '01',
      phone: '12',
    }).catch((e) => e)
    expect(err.code).toBe('CUSTOMER_INVALID')
    const codes = err.issues.map((i: { code: string }) => i.code)
    expect(codes).toEqual(expect.arrayContaining(['USCC_CHECK_CHARACTER', 'CLASS_NOT_LEAF']))
    expect(err.issues.length).toBeGreaterThanOrEqual(4)
    const ok = await createCustomer(t.ctx(tc), { name: '好客户' })
    expect(ok.customer.code).toBe('00001')
  })

  it('replays an idempotent create without spending a code, and refuses the key with another body', async () => {
    const tc = await tenantWithRule('{serial:5}')
    const a = await createCustomer(t.ctx(tc), { name: '甲公司' }, { idempotencyKey: 'k-1' })
    const again = await createCustomer(t.ctx(tc), { name: '甲公司' }, { idempotencyKey: 'k-1' })
    expect(again.replayed).toBe(true)
    expect(again.customer.id).toBe(a.customer.id)
    await expect(createCustomer(t.ctx(tc), { name: '乙公司' }, { idempotencyKey: 'k-1' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    })
    expect((await createCustomer(t.ctx(tc), { name: '丙公司' })).customer.code).toBe('00002')
  })

  it('handles typed codes per mode: refused in auto, high-water mark, next free code on a clash only if asked', async () => {
    const auto = await tenantWithRule('{type}{serial:3}')
    await expect(createCustomer(t.ctx(auto), { name: 'A', type: 'RT', code: 'RT009' })).rejects.toMatchObject({
      code: 'CODE_MANUAL_NOT_ALLOWED',
    })
    const editable = await tenantWithRule('{type}{serial:3}', 'auto-editable', 'next')
    const typed = await createCustomer(t.ctx(editable), { name: 'A', type: 'RT', code: 'rt009' })
    expect(typed.customer.code).toBe('RT009')
    const next = await createCustomer(t.ctx(editable), { name: 'B', type: 'RT' })
    expect(next.customer.code).toBe('RT010')
    // onClash: next is for generated codes; a typed code is replaced only with the clerk's consent.
    await expect(createCustomer(t.ctx(editable), { name: 'C', type: 'RT', code: 'RT010' })).rejects.toMatchObject({
      code: 'CODE_TAKEN',
      details: { customerCode: 'RT010', suggestion: 'RT011' },
    })
    const clash = await createCustomer(t.ctx(editable), {
      name: 'C',
      type: 'RT',
      code: 'RT010',
      nextCodeIfTaken: true,
    })
    expect(clash.customer.code).toBe('RT011')
    expect(clash.codeReplaced).toEqual({ requested: 'RT010', issued: 'RT011' })
    const refuse = await tenantWithRule('{type}{serial:3}', 'auto-editable', 'refuse')
    await createCustomer(t.ctx(refuse), { name: 'A', type: 'RT' })
    await expect(createCustomer(t.ctx(refuse), { name: 'B', type: 'RT', code: 'RT001' })).rejects.toMatchObject({
      code: 'CODE_TAKEN',
      details: { suggestion: 'RT002' },
    })
    const manual = await tenantWithRule('{type}{serial:3}', 'manual')
    await expect(createCustomer(t.ctx(manual), { name: 'A', type: 'RT' })).rejects.toMatchObject({
      code: 'CODE_REQUIRED',
    })
    await expect(createCustomer(t.ctx(manual), { name: 'A', type: 'RT', code: 'X-1' })).rejects.toMatchObject({
      code: 'CODE_OFF_RULE',
      details: { suggestion: 'RT001' },
    })
    const legacy = await tenantWithRule('{type}{serial:3}', 'manual', 'next', true)
    const kept = await createCustomer(t.ctx(legacy), { name: 'A', type: 'RT', code: 'X-1' })
    expect(kept.customer.code).toBe('X-1')
    expect(kept.codeWarning?.en).toContain('does not fit the rule')
  })

  it('skips a legacy code the counter would issue, counting the retry', async () => {
    const tc = await tenantWithRule('{serial:5}', 'manual', 'next', true)
    await createCustomer(t.ctx(tc), { name: '旧客户', code: 'LEGACY' })
    const tenant = await t.deps.store.read((tx) => tx.tenants.byCode(tc))
    await t.deps.store.transaction(async (tx) => {
      const r = (await tx.codeRules.list(tenant!.id))[0]!
      await tx.codeRules.update({ ...r, mode: 'auto-editable' })
    })
    await createCustomer(t.ctx(tc), { name: '手工', code: '00002' })
    const a = await createCustomer(t.ctx(tc), { name: '一' })
    const b = await createCustomer(t.ctx(tc), { name: '二' })
    expect([a.customer.code, b.customer.code]).toEqual(['00003', '00004'])
  })
})
