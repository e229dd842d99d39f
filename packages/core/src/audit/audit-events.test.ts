import { describe, expect, it } from 'vitest'
import type { AuditEvent } from '../records.js'
import { parseAuditEvent, REDACTED, redactAuditPayload, SENSITIVE_CUSTOMER_FIELDS } from './audit-events.js'

const customer = {
  code: 'V001',
  name: '北京华信科技有限公司',
  uscc: '91110108MA01A2B3C4',
  phone: '010-12345678',
  bankName: '工商银行',
  bankAccount: '0200001234567890',
  taxNumber: '91110108MA01A2B3C4',
  region: 'HBBJ',
}

describe('audit events', () => {
  it('marks the bank account, tax number, phone and USCC as sensitive in the event schema', () => {
    expect([...SENSITIVE_CUSTOMER_FIELDS].sort()).toEqual(['bankAccount', 'phone', 'taxNumber', 'uscc'])
  })

  it('redacts the sensitive fields of a created customer and of changes, and nothing else', () => {
    expect(redactAuditPayload('customer.created', { after: customer, rule: '默认规则' })).toEqual({
      after: { ...customer, uscc: REDACTED, phone: REDACTED, bankAccount: REDACTED, taxNumber: REDACTED },
      rule: '默认规则',
    })
    const changes = { phone: { before: null, after: '13800000000' }, name: { before: '甲', after: '乙' } }
    expect(redactAuditPayload('customer.updated', { code: 'V001', version: 2, changes }).changes).toEqual({
      phone: { before: null, after: REDACTED },
      name: { before: '甲', after: '乙' },
    })
    const deleted = redactAuditPayload('customer.deleted', { code: 'V001', before: customer, codes: [] })
    expect([deleted.before.bankAccount, deleted.before.bankName]).toEqual([REDACTED, '工商银行'])
  })

  it('hands each sensitive value to the given function, so it can encrypt instead', () => {
    const seen: string[] = []
    const out = redactAuditPayload('customer.created', { after: customer, rule: 'r' }, (v, field) => {
      seen.push(field)
      return `enc(${String(v)})`
    })
    expect(seen.sort()).toEqual(['bankAccount', 'phone', 'taxNumber', 'uscc'])
    expect(out.after.phone).toBe('enc(010-12345678)')
  })

  it('types a stored event by its kind and refuses a shape its kind does not have', () => {
    const stored: AuditEvent = {
      id: '1',
      tenantId: 't',
      at: '2026-01-01T00:00:00.000Z',
      actor: 'admin',
      action: 'customer.recoded',
      entity: 'customer',
      entityId: 'c',
      data: { from: 'A', to: 'B', rule: 'r' },
      requestId: null,
    }
    const e = parseAuditEvent(stored)
    expect(e?.action === 'customer.recoded' && e.data.to).toBe('B')
    expect(parseAuditEvent({ ...stored, data: { from: 'A' } })).toBeNull()
    expect(parseAuditEvent({ ...stored, action: 'customer.teleported' })).toBeNull()
  })
})
