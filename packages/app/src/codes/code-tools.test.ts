import { AppError } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../classification/create-node.js'
import { recodeCustomer } from '../classification/recode-customer.js'
import { createCustomer } from '../customers/create-customer.js'
import { getCustomerByCode } from '../customers/get-customer-by-code.js'
import { previewNextCodes, previewPattern, previewRule } from '../customers/preview-codes.js'
import { type AppTest, fixedClock, setupAppTest } from '../testing/app-test.js'
import { auditCodes } from './audit-codes.js'
import { codeCapacity } from './code-capacity.js'
import { createCodeMap } from './create-code-map.js'
import { createCodeRule } from './create-code-rule.js'
import { updateCodeRule } from './update-code-rule.js'

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('previewPattern without a database', () => {
  it.each([
    ['{type}{serial:3}', { type: 'RT' }, ['RT001', 'RT002']],
    ['{type}{serial:3}', { type: 'VIP' }, ['VIP001', 'VIP002']],
    ['{serial:5}', {}, ['00001', '00002']],
    ['{date:yyyymmdd}-{serial:5}', { registrationDate: '2023-10-01' }, ['20231001-00001', '20231001-00002']],
    ['{region}-{serial:5}', { region: 'BJ' }, ['BJ-00001', 'BJ-00002']],
    [
      '{type}-{region}-{date:yyyymmdd}-{serial:5}',
      { type: 'V', region: 'BJ', registrationDate: '2023-10-01' },
      ['V-BJ-20231001-00001', 'V-BJ-20231001-00002'],
    ],
    ['{class:1}-{serial:2|step:5|start:10}', { class: '01001' }, ['01-10', '01-15']],
  ])('%s with %j gives %j', async (pattern, sample, codes) => {
    const p = await previewPattern(pattern, sample, 2)
    expect(p.items.map((i) => i.code)).toEqual(codes)
    expect(p.counter).toBe('fresh')
  })

  it('refuses a missing field by name, and bad syntax', async () => {
    const e = await refusal(previewPattern('{region}-{serial:5}', {}, 3))
    expect(e.code).toBe('CODE_FIELD_MISSING')
    expect(e.text.zh + e.issues.map((i) => i.message.zh).join()).toContain('地区')
    expect((await refusal(previewPattern('{serial', {}, 3))).code).toBe('CODE_RULE_SYNTAX')
    expect((await refusal(previewPattern('{serial:5}', { registrationDate: '2023-02-30' }, 3))).kind).toBe('invalid')
  })

  it('stops at a full serial that refuses to widen', async () => {
    expect((await previewPattern('{serial:1|start:8}', {}, 5)).items.map((i) => i.code)).toEqual(['8', '9'])
  })
})

describe.each(testKinds())('code tools on %s', (kind) => {
  let t: AppTest
  const clock = fixedClock('2023-10-01T02:00:00.000Z')
  beforeAll(async () => {
    t = await setupAppTest(kind, clock)
  })
  afterAll(() => t?.dispose())

  async function tenant(): Promise<string> {
    const code = await t.newTenant()
    for (const [scheme, nodeCode, name, parent] of [
      ['type', 'RT', '零售', null],
      ['type', 'V', '重要', null],
      ['region', 'HB', '华北', null],
      ['region', 'HBBJ', '北京', 'HB'],
    ] as const)
      await createNode(t.ctx(code), scheme, { code: nodeCode, name, parentCode: parent })
    return code
  }
  const tenantId = async (code: string) => (await t.deps.store.read((tx) => tx.tenants.byCode(code)))?.id as string

  it('previews a stored rule from its counter, reserving nothing, and a typed pattern with the tenant maps', async () => {
    const tc = await tenant()
    await createCodeMap(t.ctx(tc), { name: '地区简称', entries: [{ value: '北京', short: 'BJ' }] })
    await updateCodeRule(t.ctx(tc), '默认规则', {
      pattern: '{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}',
    })
    for (let i = 0; i < 2; i++) await createCustomer(t.ctx(tc), { name: `公司${i}`, type: 'V', region: 'HBBJ' })
    const sample = { type: 'V', region: 'HBBJ', registrationDate: '2023-10-01' }
    const a = await previewRule(t.ctx(tc), '默认规则', sample, 3)
    expect(a.items.map((i) => i.code)).toEqual(['V-BJ-20231001-00003', 'V-BJ-20231001-00004', 'V-BJ-20231001-00005'])
    expect(a.counter).toBe('stored')
    const b = await previewRule(t.ctx(tc), '默认规则', sample, 1)
    expect(b.items[0]?.code).toBe('V-BJ-20231001-00003')
    const fresh = await previewNextCodes(t.ctx(tc), { pattern: '{region|map:地区简称}{serial:3}', sample, count: 2 })
    expect(fresh.items.map((i) => [i.code, i.taken])).toEqual([
      ['BJ001', false],
      ['BJ002', false],
    ])
    const taken = await previewNextCodes(t.ctx(tc), {
      pattern: '{type}-{region|map:地区简称}-{date:yyyymmdd}-{serial:5}',
      sample,
      count: 3,
    })
    expect(taken.items.map((i) => i.taken)).toEqual([true, true, false])
    const e = await refusal(previewRule(t.ctx(tc), '默认规则', { type: 'V', region: 'XX' }, 1))
    expect(e.code).toBe('CODE_PREVIEW_SAMPLE')
    expect(e.issues[0]?.path).toEqual(['region'])
    expect((await refusal(previewRule(t.ctx(tc), '没有', sample, 1))).kind).toBe('not-found')
  })

  it('audits duplicated, malformed, off-rule codes and counters behind, and fixes only counters', async () => {
    const tc = await tenant()
    const tid = await tenantId(tc)
    const a = await createCustomer(t.ctx(tc), { name: '甲' })
    const b = await createCustomer(t.ctx(tc), { name: '乙' })
    expect([a.customer.code, b.customer.code]).toEqual(['00001', '00002'])
    // Legacy data as an import would leave it: codes registered without the rule.
    await t.deps.store.transaction(async (tx) => {
      const reg = (code: string, customerId: string, k: 'live' | 'alias' = 'alias') =>
        tx.codes.tryInsert({
          tenantId: tid,
          code,
          customerId,
          kind: k,
          ruleId: null,
          scopeKey: null,
          serial: null,
          createdAt: '2020-01-01T00:00:00.000Z',
        })
      expect(await reg('ｋ-7', a.customer.id)).toBe(true)
      expect(await reg('K-7', b.customer.id)).toBe(true)
      expect(await reg('LEGACY 1', a.customer.id, 'live')).toBe(true)
      expect(await reg('00042', b.customer.id)).toBe(true)
      expect(await reg('00001', b.customer.id)).toBe(false)
    })
    const r = await auditCodes(t.ctx(tc))
    expect(r.counts).toEqual({ duplicate: 1, malformed: 1, 'off-rule': 1, 'counter-behind': 1 })
    const dup = r.findings.find((f) => f.kind === 'duplicate')
    expect(dup?.group?.map((g) => g.code).sort()).toEqual(['K-7', 'ｋ-7'])
    expect(r.findings.find((f) => f.kind === 'malformed')?.code).toBe('LEGACY 1')
    expect(r.findings.find((f) => f.kind === 'off-rule')?.code).toBe('LEGACY 1')
    const behind = r.findings.find((f) => f.kind === 'counter-behind')
    expect(behind).toMatchObject({ code: '00042', rule: '默认规则', counter: { next: 3, serial: 42 } })
    expect(behind?.fix.zh).toContain('计数器将移过 42')
    expect(r.fixed).toBe(0)
    const fixed = await auditCodes(t.ctx(tc), { fix: true })
    expect(fixed.fixed).toBe(1)
    const after = await auditCodes(t.ctx(tc))
    expect(after.counts['counter-behind']).toBe(0)
    expect(after.counts.duplicate).toBe(1)
    expect((await createCustomer(t.ctx(tc), { name: '丙' })).customer.code).toBe('00043')
    const events = await t.deps.store.read(async (tx) =>
      tx.audit.listFor(tid, 'codeRule', (await tx.codeRules.byName(tid, '默认规则'))?.id as string),
    )
    expect(events.map((e) => e.action)).toContain('codeCounter.raised')
  })

  it('reports capacity per counter with rate, days left and warnings', async () => {
    const tc = await tenant()
    await updateCodeRule(t.ctx(tc), '默认规则', { pattern: '{type}{serial:1}' })
    for (let i = 0; i < 8; i++) await createCustomer(t.ctx(tc), { name: `零售${i}`, type: 'RT' })
    await createCustomer(t.ctx(tc), { name: '重要', type: 'V' })
    const cap = await codeCapacity(t.ctx(tc))
    const rt = cap.find((c) => c.scopeKey === 'type=RT')
    expect(rt).toMatchObject({ rule: '默认规则', used: 8, next: 9, max: 9, remaining: 1, level: 'warn' })
    expect(rt?.ratePerDay).toBeCloseTo(8 / 30, 2)
    const v = cap.find((c) => c.scopeKey === 'type=V')
    expect(v).toMatchObject({ used: 1, remaining: 8, daysLeft: 240, level: 'ok' })
    await createCustomer(t.ctx(tc), { name: '零售满', type: 'RT' })
    expect((await codeCapacity(t.ctx(tc))).find((c) => c.scopeKey === 'type=RT')).toMatchObject({
      remaining: 0,
      level: 'full',
    })
    const e = await refusal(createCustomer(t.ctx(tc), { name: '溢出', type: 'RT' }))
    expect(e.code).toBe('CODE_SERIAL_OVERFLOW')
  })

  it('re-codes a customer: the old code becomes an alias that still finds it, audited, version bumped', async () => {
    const tc = await tenant()
    const tid = await tenantId(tc)
    const a = (await createCustomer(t.ctx(tc), { name: '甲', type: 'RT' })).customer
    const other = (await createCustomer(t.ctx(tc), { name: '乙', type: 'RT' })).customer
    await createCodeRule(t.ctx(tc), {
      name: '零售',
      pattern: 'RT{serial:4}',
      condition: { all: [{ field: 'type', op: 'eq', value: 'RT' }] },
    })
    const r = await recodeCustomer(t.ctx(tc), a.id, { reallocate: true })
    expect(r).toMatchObject({ oldCode: '00001', newCode: 'RT0001', rule: '零售' })
    expect(r.customer.version).toBe(a.version + 1)
    const byOld = await getCustomerByCode(t.ctx(tc), '00001')
    expect(byOld).toMatchObject({ alias: true, matched: '00001' })
    expect(byOld.customer.code).toBe('RT0001')
    expect((await getCustomerByCode(t.ctx(tc), 'rt0001')).alias).toBe(false)
    // Typed, by its current code; the alias and the live code share one uniqueness scope.
    const typed = await recodeCustomer(t.ctx(tc), 'RT0001', { newCode: 'x-100' })
    expect(typed.newCode).toBe('X-100')
    const clash = await refusal(recodeCustomer(t.ctx(tc), other.id, { newCode: '00001' }))
    expect(clash.code).toBe('CODE_TAKEN')
    expect(clash.kind).toBe('conflict')
    expect((await getCustomerByCode(t.ctx(tc), other.code)).customer.id).toBe(other.id)
    expect((await refusal(recodeCustomer(t.ctx(tc), other.id, {}))).code).toBe('CODE_RECODE_INPUT')
    expect((await refusal(recodeCustomer(t.ctx(tc), other.id, { newCode: other.code }))).code).toBe('CODE_RECODE_SAME')
    expect((await refusal(recodeCustomer(t.ctx(tc), 'NOPE', { reallocate: true }))).kind).toBe('not-found')
    expect((await refusal(getCustomerByCode(t.ctx(tc), 'NOPE'))).kind).toBe('not-found')
    const codes = await t.deps.store.read((tx) => tx.codes.listByCustomer(tid, a.id))
    expect(codes.map((c) => [c.code, c.kind]).sort()).toEqual([
      ['00001', 'alias'],
      ['RT0001', 'alias'],
      ['X-100', 'live'],
    ])
    const events = await t.deps.store.read((tx) => tx.audit.listFor(tid, 'customer', a.id))
    expect(events.filter((e) => e.action === 'customer.recoded').map((e) => e.data.to)).toEqual(['RT0001', 'X-100'])
  })
})
