import { AppError } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../classification/create-node.js'
import { createCustomer } from '../customers/create-customer.js'
import { type AppTest, fixedClock, setupAppTest } from '../testing/app-test.js'
import { auditCodes } from './audit-codes.js'
import { checkPattern } from './check-pattern.js'
import { createCodeMap } from './create-code-map.js'
import { createCodeRule } from './create-code-rule.js'
import { deleteCodeRule } from './delete-code-rule.js'
import { getCodeRule } from './get-code-rule.js'
import { listCodeMaps } from './list-code-maps.js'
import { listCodeRules } from './list-code-rules.js'
import { updateCodeMap } from './update-code-map.js'
import { updateCodeRule } from './update-code-rule.js'

/** The error a promise rejects with (fails the test when it resolves). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe.each(testKinds())('code rules on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind, fixedClock('2023-10-01T02:00:00.000Z'))
  })
  afterAll(() => t?.dispose())

  async function tenant(): Promise<string> {
    const code = await t.newTenant()
    for (const [scheme, nodeCode, name, parent] of [
      ['type', 'RT', '零售', null],
      ['type', 'WH', '批发', null],
      ['type', 'VIP', '贵宾', null],
      ['region', 'HB', '华北', null],
      ['region', 'HBBJ', '北京', 'HB'],
      ['region', 'HD', '华东', null],
      ['region', 'HDSH', '上海', 'HD'],
    ] as const)
      await createNode(t.ctx(code), scheme, { code: nodeCode, name, parentCode: parent })
    return code
  }

  it('saves a rule in canonical text, lists and gets it, and audits the creation', async () => {
    const tc = await tenant()
    const r = await createCodeRule(t.ctx(tc), {
      name: '按类型',
      pattern: '{type}{serial:3|start:1}',
      condition: { all: [{ field: 'type', op: 'in', value: ['RT', 'WH', 'VIP'] }] },
    })
    expect(r.pattern).toBe('{type}{serial:3}')
    expect(r.mode).toBe('auto')
    expect(r.position).toBe(1)
    expect((await listCodeRules(t.ctx(tc))).map((x) => x.name)).toEqual(['默认规则', '按类型'])
    expect((await getCodeRule(t.ctx(tc), '按类型')).id).toBe(r.id)
    const events = await t.deps.store.read((tx) => tx.audit.listFor(r.tenantId, 'codeRule', r.id))
    expect(events.map((e) => e.action)).toEqual(['codeRule.created'])
  })

  it('takes the structured JSON form too', async () => {
    const tc = await tenant()
    const r = await createCodeRule(t.ctx(tc), {
      name: 'json',
      pattern: {
        segments: [
          { kind: 'literal', text: 'K' },
          { kind: 'serial', width: 4, start: 1, step: 1, overflow: 'refuse', per: null },
        ],
      },
    })
    expect(r.pattern).toBe('K{serial:4}')
  })

  it('refuses a rule whose counters split by month while the date shows only the year, with every reason', async () => {
    const tc = await tenant()
    const e = await refusal(createCodeRule(t.ctx(tc), { name: '', pattern: '{date:yyyy}-{serial:5|per:date:yyyymm}' }))
    expect(e.code).toBe('CODE_RULE_REFUSED')
    expect(e.kind).toBe('invalid')
    expect(e.issues.map((i) => i.code).sort()).toEqual(['CODE_RULE_NAME', 'CODE_RULE_SCOPE_NOT_DETERMINED'])
    expect(e.issues.find((i) => i.code === 'CODE_RULE_SCOPE_NOT_DETERMINED')?.message.zh).toContain('yyyymm')
  })

  it('refuses syntax errors as issues under pattern', async () => {
    const tc = await tenant()
    const e = await refusal(createCodeRule(t.ctx(tc), { name: 'x', pattern: '{serial:5' }))
    expect(e.code).toBe('CODE_RULE_REFUSED')
    expect(e.issues[0]?.code).toBe('CODE_RULE_SYNTAX')
  })

  it('refuses a rule that collides with another active rule, naming the pair', async () => {
    const tc = await tenant()
    await createCodeRule(t.ctx(tc), { name: '按类型', pattern: '{type}{serial:3}' })
    const e = await refusal(createCodeRule(t.ctx(tc), { name: '零售', pattern: 'RT{serial:3}' }))
    const i = e.issues.find((x) => x.code === 'CODE_RULE_COLLISION')
    expect(i?.message.zh).toContain('按类型')
    expect(i?.message.en).toMatch(/RT\d{3}/)
    // Disabled, it is checked on its own shape only.
    const off = await createCodeRule(t.ctx(tc), { name: '零售', pattern: 'RT{serial:3}', enabled: false })
    expect(off.enabled).toBe(false)
    expect((await refusal(updateCodeRule(t.ctx(tc), '零售', { enabled: true }))).code).toBe('CODE_RULE_REFUSED')
  })

  it("refuses a rule where two customers' values print the same text, with the tenant's real values", async () => {
    const tc = await tenant()
    await createNode(t.ctx(tc), 'type', { code: 'A', name: 'A 类' })
    await createNode(t.ctx(tc), 'type', { code: 'AHB', name: 'AHB 类' })
    await createNode(t.ctx(tc), 'region', { code: 'BJ', name: '京' })
    const e = await refusal(createCodeRule(t.ctx(tc), { name: 'x', pattern: '{type}{region}{serial:3}' }))
    const i = e.issues.find((x) => x.code === 'CODE_RULE_AMBIGUOUS')
    expect(i?.message.en).toMatch(/AHBBJ\d{3}/)
    // The same rule with a separator is fine, and structure-only it is refused (values unknown).
    expect((await checkPattern(t.ctx(tc), { pattern: '{type}-{region}-{serial:3}' })).accepted).toBe(true)
    expect((await checkPattern(undefined, { pattern: '{type}{region}{serial:3}' })).accepted).toBe(false)
  })

  it('refuses a new class that would make an active rule print one code for two customers', async () => {
    const tc = await tenant()
    await createNode(t.ctx(tc), 'type', { code: 'A', name: 'A 类' })
    await createNode(t.ctx(tc), 'region', { code: 'BJ', name: '京' })
    await createCodeRule(t.ctx(tc), { name: '紧凑', pattern: '{type}{region}{serial:3}' })
    const e = await refusal(createNode(t.ctx(tc), 'type', { code: 'AHB', name: 'AHB 类' }))
    expect(e.code).toBe('CODE_RULES_WOULD_COLLIDE')
    expect(e.issues[0]?.path.slice(0, 2)).toEqual(['rules', '紧凑'])
    expect(e.issues[0]?.code).toBe('CODE_RULE_AMBIGUOUS')
    const tid = (await t.deps.store.read((tx) => tx.tenants.byCode(tc)))?.id as string
    const types = await t.deps.store.read(async (tx) =>
      tx.nodes.listByScheme(tid, (await tx.schemes.byCode(tid, 'type'))?.id as string),
    )
    expect(types.map((n) => n.code)).not.toContain('AHB')
    // A class that keeps the rule unique is fine.
    await createNode(t.ctx(tc), 'type', { code: 'Q', name: 'Q 类' })
  })

  it('checks structure only without a tenant and with the tenant context with one', async () => {
    const tc = await tenant()
    const s = await checkPattern(undefined, { pattern: '{type}-{region}-{date:yyyymmdd}-{serial:5}' })
    expect(s).toMatchObject({ accepted: true, against: 'structure', capacity: 99999 })
    expect(s.scope).toEqual(['type', 'region', 'date:yyyymmdd'])
    const bad = await checkPattern(undefined, { pattern: '{date:yyyy}{serial:5|per:date:yyyymm}' })
    expect(bad.accepted).toBe(false)
    expect(bad.issues.map((i) => i.code)).toContain('CODE_RULE_SCOPE_NOT_DETERMINED')
    const syntax = await checkPattern(undefined, { pattern: '{nope}' })
    expect(syntax.issues[0]?.code).toBe('CODE_RULE_SYNTAX')
    // With the tenant: the default rule {serial:5} is another active rule.
    const clash = await checkPattern(t.ctx(tc), { pattern: '{serial:5|start:7}' })
    expect(clash).toMatchObject({ accepted: false, against: 'tenant' })
    expect(clash.issues[0]?.code).toBe('CODE_RULE_COLLISION')
    // Editing the default rule itself is not a collision with itself.
    expect((await checkPattern(t.ctx(tc), { pattern: '{serial:6}', rule: '默认规则' })).accepted).toBe(true)
    expect((await checkPattern(t.ctx(tc), { pattern: '{class:4}-{serial:3}' })).issues.map((i) => i.code)).toContain(
      'CODE_RULE_LEVEL_UNKNOWN',
    )
  })

  it('keeps exactly one default rule, and refuses to leave none or delete it', async () => {
    const tc = await tenant()
    const r = await createCodeRule(t.ctx(tc), { name: '新默认', pattern: 'N{serial:5}', isDefault: true })
    const rules = await listCodeRules(t.ctx(tc))
    expect(rules.filter((x) => x.isDefault).map((x) => x.name)).toEqual(['新默认'])
    const e = await refusal(updateCodeRule(t.ctx(tc), '新默认', { isDefault: false }))
    expect(e.issues.map((i) => i.code)).toEqual(['CODE_RULE_DEFAULT_REQUIRED'])
    expect((await refusal(deleteCodeRule(t.ctx(tc), r.name))).code).toBe('CODE_RULE_IS_DEFAULT')
    expect((await refusal(updateCodeRule(t.ctx(tc), '新默认', { enabled: false }))).issues.map((i) => i.code)).toEqual([
      'CODE_RULE_DEFAULT_DISABLED',
    ])
    await deleteCodeRule(t.ctx(tc), '默认规则')
    expect((await listCodeRules(t.ctx(tc))).map((x) => x.name)).toEqual(['新默认'])
  })

  it('validates the condition against the tenant', async () => {
    const tc = await tenant()
    const e = await refusal(
      createCodeRule(t.ctx(tc), {
        name: 'c',
        pattern: 'C{serial:3}',
        condition: { all: [{ field: 'nope', op: 'eq', value: 1 }] },
      }),
    )
    expect(e.issues[0]?.path[0]).toBe('condition')
    const e2 = await refusal(createCodeRule(t.ctx(tc), { name: 'c', pattern: 'C{serial:3}', condition: 42 }))
    expect(e2.issues[0]?.code).toBe('CODE_RULE_CONDITION_INVALID')
  })

  it('allows changing a rule that issued codes, audited, and refuses to delete it', async () => {
    const tc = await tenant()
    await createCustomer(t.ctx(tc), { name: '甲公司' })
    const r = await updateCodeRule(t.ctx(tc), '默认规则', { pattern: 'K{serial:5}' })
    expect(r.pattern).toBe('K{serial:5}')
    const events = await t.deps.store.read((tx) => tx.audit.listFor(r.tenantId, 'codeRule', r.id))
    expect(events.at(-1)?.data).toMatchObject({ issuedUnderOldPattern: 1 })
    // The old code stays as it was and is off-rule from now on.
    const report = await auditCodes(t.ctx(tc))
    expect(report.findings.map((f) => [f.kind, f.code])).toEqual([['off-rule', '00001']])
    await createCodeRule(t.ctx(tc), { name: '备用', pattern: 'B{serial:5}', isDefault: true })
    expect((await refusal(deleteCodeRule(t.ctx(tc), '默认规则'))).code).toBe('CODE_RULE_IN_USE')
    expect((await refusal(deleteCodeRule(t.ctx(tc), '没有'))).kind).toBe('not-found')
  })

  it('saves map tables and refuses a map change that would make an active rule print one code for two regions', async () => {
    const tc = await tenant()
    const m = await createCodeMap(t.ctx(tc), {
      name: '地区简称',
      entries: [
        { value: '北京', short: 'BJ' },
        { value: '上海', short: 'SH' },
      ],
    })
    expect(m.entries).toHaveLength(2)
    const r = await createCodeRule(t.ctx(tc), { name: '地区', pattern: '{region|map:地区简称}-{serial:5}' })
    const e = await refusal(
      updateCodeMap(t.ctx(tc), '地区简称', {
        name: '地区简称',
        entries: [
          { value: '北京', short: 'BJ' },
          { value: '上海', short: 'BJ' },
        ],
      }),
    )
    expect(e.code).toBe('CODE_MAP_REFUSED')
    expect(e.issues[0]?.path.slice(0, 2)).toEqual(['rules', r.name])
    expect(e.issues[0]?.message.zh).toContain('地区')
    const bad = await refusal(
      createCodeMap(t.ctx(tc), {
        name: '坏表',
        entries: [
          { value: '北京', short: '' },
          { value: '北京', short: 'B' },
        ],
      }),
    )
    expect(bad.issues.map((i) => i.code).sort()).toEqual(['CODE_MAP_SHORT_INVALID', 'CODE_MAP_VALUE_TWICE'])
    const renamed = await refusal(updateCodeMap(t.ctx(tc), '地区简称', { name: '别名', entries: m.entries }))
    expect(renamed.issues.map((i) => i.code)).toContain('CODE_RULE_MAP_UNKNOWN')
    await updateCodeMap(t.ctx(tc), '地区简称', {
      name: '地区简称',
      entries: [...m.entries, { value: '天津', short: 'TJ' }],
    })
    expect((await listCodeMaps(t.ctx(tc)))[0]?.entries).toHaveLength(3)
  })
})
