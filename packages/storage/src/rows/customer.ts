import type { Customer } from '@kehu/core'
import type { Insertable, Selectable } from 'kysely'
import type { CustomerTable } from '../schema.js'
import { json, num, numOrNull, toJson } from './values.js'

/** A customer from its row and its classes (scheme id → node id), which live in customer_class. */
export const customerOf = (r: Selectable<CustomerTable>, classes: Record<string, string>): Customer => ({
  id: r.id,
  tenantId: r.tenant_id,
  code: r.code,
  name: r.name,
  shortName: r.short_name,
  mnemonic: r.mnemonic,
  uscc: r.uscc,
  legalRepresentative: r.legal_representative,
  address: r.address,
  postcode: r.postcode,
  phone: r.phone,
  email: r.email,
  website: r.website,
  bankName: r.bank_name,
  bankAccount: r.bank_account,
  taxNumber: r.tax_number,
  accountManagerId: r.account_manager_id,
  department: r.department,
  creditGrade: r.credit_grade,
  creditLimitCents: numOrNull(r.credit_limit_cents),
  registrationDate: r.registration_date,
  headOfficeId: r.head_office_id,
  lifecycleStage: r.lifecycle_stage,
  status: r.status as Customer['status'],
  remarks: r.remarks,
  attributes: (json(r.attributes) ?? {}) as Record<string, unknown>,
  classes,
  codeRuleId: r.code_rule_id,
  version: num(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  createdBy: r.created_by,
  updatedBy: r.updated_by,
})

/** The customer row; `pinyin` is the stored search key, which the record does not carry. */
export const customerRow = (c: Customer, pinyin: string | null): Insertable<CustomerTable> => ({
  tenant_id: c.tenantId,
  id: c.id,
  code: c.code,
  name: c.name,
  short_name: c.shortName,
  mnemonic: c.mnemonic,
  pinyin,
  uscc: c.uscc,
  legal_representative: c.legalRepresentative,
  address: c.address,
  postcode: c.postcode,
  phone: c.phone,
  email: c.email,
  website: c.website,
  bank_name: c.bankName,
  bank_account: c.bankAccount,
  tax_number: c.taxNumber,
  account_manager_id: c.accountManagerId,
  department: c.department,
  credit_grade: c.creditGrade,
  credit_limit_cents: c.creditLimitCents,
  registration_date: c.registrationDate,
  head_office_id: c.headOfficeId,
  lifecycle_stage: c.lifecycleStage,
  status: c.status,
  remarks: c.remarks,
  attributes: toJson(c.attributes),
  code_rule_id: c.codeRuleId,
  version: c.version,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
  created_by: c.createdBy,
  updated_by: c.updatedBy,
})

/** The customer_class rows that place a customer on its nodes. */
export const customerClassRows = (c: Customer) =>
  Object.entries(c.classes).map(([scheme_id, node_id]) => ({
    tenant_id: c.tenantId,
    customer_id: c.id,
    scheme_id,
    node_id,
  }))
