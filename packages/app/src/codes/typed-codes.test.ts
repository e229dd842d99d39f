import { checkCharacter, type Issue } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../classification/create-node.js'
import { recodeCustomer } from '../classification/recode-customer.js'
import { createCustomer } from '../customers/create-customer.js'
import { getCustomerByCode } from '../customers/get-customer-by-code.js'
import { previewCustomerCode } from '../customers/preview-customer-code.js'
import { type AppTest, failure, fixedClock, setupAppTest } from '../testing/app-test.js'
import { auditCodes } from './audit-codes.js'
import { checkPattern } from './check-pattern.js'
import { createCodeMap } from './create-code-map.js'
import { createCodeRule } from './create-code-rule.js'
import { updateCodeRule } from './update-code-rule.js'

const codesOf = (issues: Issue[]) => issues.map((i) => i.code)

describe.each(testKinds())('typed codes and rule changes on %s', (kind) => {
  let t: AppTest
  beforeAll(async () => {
    t = await setupAppTest(kind, fixedClock('2023-10-01T02:00:00.000Z'))
  })
  afterAll(() => t?.dispose())

  /** A tenant whose default rule is `pattern` (auto-editable, onClash next), with types RT, WH and V. */
  async function tenant(pattern = '{type}{serial:3}', extra: { legacyCodes?: boolean } = {}) {
    const tc = await t.newTenant()
    for (const [code, name] of [
      ['RT', '零售'],
      ['WH', '批发'],
      ['V', '重要客户'],
    ])
      await createNode(t.ctx(tc), 'type', { code: code as string, name: name as string, parentCode: null })
    await updateCodeRule(t.ctx(tc), '默认规则', { pattern, mode: 'auto-editable', ...extra })
    return tc
  }

  it('refuses a taken typed code by default, also in lower case, full width or as an old code', async () => {
    const tc = await tenant()
    const first = await createCustomer(t.ctx(tc), { name: '甲', type: 'RT' })
    expect(first.customer.code).toBe('RT001')
    for (const typed of ['RT001', 'rt001', 'ＲＴ００１']) {
      const e = await failure(createCustomer(t.ctx(tc), { name: '乙', type: 'RT', code: typed }))
      expect(e).toMatchObject({ kind: 'conflict', code: 'CODE_TAKEN' })
      expect(e.details).toEqual({ customerCode: 'RT001', suggestion: 'RT002' })
    }
    // RT001 becomes an old code (alias) of its customer: still taken.
    const recoded = await recodeCustomer(t.ctx(tc), 'RT001', { reallocate: true })
    expect(recoded.newCode).toBe('RT002')
    expect((await getCustomerByCode(t.ctx(tc), 'rt001')).alias).toBe(true)
    const e = await failure(createCustomer(t.ctx(tc), { name: '乙', type: 'RT', code: 'ｒｔ００１' }))
    expect(e).toMatchObject({ code: 'CODE_TAKEN', details: { customerCode: 'RT001', suggestion: 'RT003' } })
    // The clerk's consent replaces it with the next free code.
    const agreed = await createCustomer(t.ctx(tc), {
      name: '乙',
      type: 'RT',
      code: 'rt001',
      nextCodeIfTaken: true,
    })
    expect(agreed.customer.code).toBe('RT003')
    expect(agreed.codeReplaced).toEqual({ requested: 'RT001', issued: 'RT003' })
  })

  it('previews a typed code as a create would judge it', async () => {
    const tc = await tenant()
    await createCustomer(t.ctx(tc), { name: '甲', type: 'RT' })
    const taken = await previewCustomerCode(t.ctx(tc), { type: 'RT', code: 'ｒｔ００１' })
    expect(taken).toMatchObject({ code: null, typed: 'taken', suggestion: 'RT002' })
    expect(codesOf(taken.issues)).toEqual(['CODE_TAKEN'])
    const agreed = await previewCustomerCode(t.ctx(tc), { type: 'RT', code: 'RT001', nextCodeIfTaken: true })
    expect(agreed).toMatchObject({ code: 'RT002', typed: 'taken', issues: [] })
    expect(await previewCustomerCode(t.ctx(tc), { type: 'RT', code: 'rt007' })).toMatchObject({
      code: 'RT007',
      typed: 'free',
      issues: [],
      warnings: [],
    })
    const off = await previewCustomerCode(t.ctx(tc), { type: 'RT', code: 'RT7' })
    expect(off).toMatchObject({ code: null, typed: 'refused', suggestion: 'RT002' })
    expect(codesOf(off.issues)).toEqual(['CODE_OFF_RULE'])
    expect(off.issues[0]?.message.en).toContain("this customer's codes look like RT001")
    const plain = await previewCustomerCode(t.ctx(tc), { type: 'RT' })
    expect(plain).toMatchObject({ code: 'RT002', issues: [], warnings: [] })
    expect(plain.typed).toBeUndefined()
  })

  it('refuses a wrong check character: a swapped pair and one changed character', async () => {
    const tc = await tenant('{type}{serial:3}{check}')
    const a = await createCustomer(t.ctx(tc), { name: '甲', type: 'RT' })
    expect(a.customer.code).toBe(`RT001${checkCharacter('RT001')}`)
    const body = 'RT012'
    const good = body + checkCharacter(body)
    const swapped = `RT021${checkCharacter(body)}`
    const changed = `RT013${checkCharacter(body)}`
    for (const bad of [swapped, changed]) {
      const e = await failure(createCustomer(t.ctx(tc), { name: '乙', type: 'RT', code: bad }))
      expect(e).toMatchObject({ kind: 'invalid', code: 'CODE_CHECK_CHARACTER' })
      expect(e.issues[0]?.path).toEqual(['code'])
    }
    expect((await createCustomer(t.ctx(tc), { name: '乙', type: 'RT', code: good })).customer.code).toBe(good)
  })

  it('refuses a code off the rule, or keeps it with a warning where the rule takes legacy codes; the audit agrees', async () => {
    const strict = await tenant()
    for (const code of ['RT01', 'X-1', 'WH005']) {
      const e = await failure(createCustomer(t.ctx(strict), { name: '甲', type: 'RT', code }))
      expect(e).toMatchObject({ kind: 'invalid', code: 'CODE_OFF_RULE', details: { suggestion: 'RT001' } })
    }
    const format = await failure(createCustomer(t.ctx(strict), { name: '甲', type: 'RT', code: 'RT 京' }))
    expect(format.code).toBe('CODE_FORMAT')

    const legacy = await tenant('{type}{serial:3}', { legacyCodes: true })
    const kept = await createCustomer(t.ctx(legacy), { name: '甲', type: 'RT', code: 'rt01' })
    expect(kept.customer.code).toBe('RT01')
    expect(kept.codeWarning?.zh).toContain('不符合规则“默认规则”')
    expect(kept.codeWarning?.en).toContain('RT001')
    // A wrong check or the format are refused even where legacy codes are allowed.
    expect((await failure(createCustomer(t.ctx(legacy), { name: '乙', type: 'RT', code: 'RT/京' }))).code).toBe(
      'CODE_FORMAT',
    )
    const audit = await auditCodes(t.ctx(legacy))
    const off = audit.findings.filter((f) => f.kind === 'off-rule').map((f) => f.code)
    expect(off).toEqual(['RT01'])
    expect(audit.findings.find((f) => f.kind === 'off-rule')?.reason.en).toContain(
      'The code RT01 does not fit the rule "默认规则"',
    )
    // A typed re-code may leave the rule (an administrator's act) but says so, like the create; one that fits does not.
    const strictRecode = await recodeCustomer(
      t.ctx(strict),
      (await createCustomer(t.ctx(strict), { name: '丙', type: 'RT' })).customer.code,
      {
        newCode: 'x-7',
      },
    )
    expect(strictRecode.newCode).toBe('X-7')
    expect(strictRecode.codeWarning?.zh).toContain('不符合规则“默认规则”')
    expect(strictRecode.codeWarning?.en).toContain('The code X-7 does not fit the rule "默认规则"')
    const fits = await recodeCustomer(t.ctx(strict), 'X-7', { newCode: 'RT050' })
    expect(fits.newCode).toBe('RT050')
    expect(fits.codeWarning).toBeUndefined()
  })

  it('a change of scope never blocks creates: RT001…RT060, then per:none, then create again', async () => {
    const tc = await tenant()
    for (let i = 1; i <= 60; i++) await createCustomer(t.ctx(tc), { name: `零售${i}`, type: 'RT' })
    const v = await createCustomer(t.ctx(tc), { name: '重要', type: 'V' })
    expect(v.customer.code).toBe('V001')
    // Before saving: which counter starts where.
    const check = await checkPattern(t.ctx(tc), { pattern: '{type}{serial:3|per:none}', rule: '默认规则' })
    expect(check.accepted).toBe(true)
    expect(check.counters).toEqual([{ scopeKey: '', from: null, startsAt: 61, past: 'RT060', firstCode: 'RT061' }])
    await updateCodeRule(t.ctx(tc), '默认规则', { pattern: '{type}{serial:3|per:none}' })
    const after = [
      await createCustomer(t.ctx(tc), { name: '新零售', type: 'RT' }),
      await createCustomer(t.ctx(tc), { name: '新重要', type: 'V' }),
      await createCustomer(t.ctx(tc), { name: '新批发', type: 'WH' }),
    ].map((r) => r.customer.code)
    expect(after).toEqual(['RT061', 'V062', 'WH063'])
    const audit = await auditCodes(t.ctx(tc))
    expect(audit.counts.duplicate).toBe(0)
    expect(audit.counts['counter-behind']).toBe(0)
    // And back to a counter per type: each starts past what it can print.
    await updateCodeRule(t.ctx(tc), '默认规则', { pattern: '{type}{serial:3}' })
    const back = [
      await createCustomer(t.ctx(tc), { name: '再零售', type: 'RT' }),
      await createCustomer(t.ctx(tc), { name: '再重要', type: 'V' }),
    ].map((r) => r.customer.code)
    expect(back).toEqual(['RT062', 'V063'])
  })

  it('a new rule starts past legacy codes it can print', async () => {
    const tc = await tenant('{serial:5}', { legacyCodes: true })
    await createCustomer(t.ctx(tc), { name: '旧', code: 'VIP007' })
    await createCodeRule(t.ctx(tc), {
      name: 'VIP',
      pattern: 'VIP{serial:3}',
      condition: { all: [{ field: 'type', op: 'eq', value: 'V' }] },
    })
    expect((await createCustomer(t.ctx(tc), { name: '新', type: 'V' })).customer.code).toBe('VIP008')
  })

  it('refuses a rule whose map table, literal or field could print a code outside the format, naming the token', async () => {
    const tc = await tenant()
    await createCodeMap(t.ctx(tc), { name: '地区汉字', entries: [{ value: '北京', short: '京' }] })
    const map = await failure(createCodeRule(t.ctx(tc), { name: '汉字', pattern: '{region|map:地区汉字}{serial:3}' }))
    expect(map.code).toBe('CODE_RULE_REFUSED')
    expect(codesOf(map.issues)).toContain('CODE_RULE_MAP_FORMAT')
    expect(map.issues.find((i) => i.code === 'CODE_RULE_MAP_FORMAT')?.message.zh).toContain('北京 → 京')
    const long = await failure(createCodeRule(t.ctx(tc), { name: '长', pattern: `${'A'.repeat(45)}{serial:3}` }))
    expect(codesOf(long.issues)).toEqual(['CODE_RULE_TOO_LONG'])
    expect(long.issues[0]?.message.en).toContain(`${'A'.repeat(45)} alone takes 45`)
    const chars = await failure(createCodeRule(t.ctx(tc), { name: '符号', pattern: 'K#{serial:3}' }))
    expect(codesOf(chars.issues)).toEqual(['CODE_RULE_FORMAT_CHARS'])
  })
})
