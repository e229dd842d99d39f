import type { AttributeDef, ClassScheme, CodeRule, Customer, DimensionType, Store, Tenant } from '@kehu/core'
import { v7 as uuid } from 'uuid'

const NOW = '2026-01-02T03:04:05.678Z'

export const aTenant = (over: Partial<Tenant> = {}): Tenant => ({
  id: uuid(),
  code: `T${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
  name: '测试账套',
  timeZone: 'Asia/Shanghai',
  isDefault: false,
  createdAt: NOW,
  ...over,
})

export const aScheme = (tenantId: string, over: Partial<ClassScheme> = {}): ClassScheme => ({
  id: uuid(),
  tenantId,
  code: 'class',
  name: '客户分类',
  levels: [2, 3, 4],
  leafOnly: true,
  builtin: true,
  enabled: true,
  position: 1,
  ...over,
})

export const aCustomer = (tenantId: string, over: Partial<Customer> = {}): Customer => ({
  id: uuid(),
  tenantId,
  code: `C${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
  name: '北京华信科技有限公司',
  shortName: '华信科技',
  mnemonic: 'HXKJ',
  uscc: null,
  legalRepresentative: null,
  address: null,
  postcode: null,
  phone: null,
  email: null,
  website: null,
  bankName: null,
  bankAccount: null,
  taxNumber: null,
  accountManagerId: null,
  department: null,
  creditGrade: null,
  creditLimitCents: null,
  registrationDate: '2023-10-01',
  headOfficeId: null,
  lifecycleStage: null,
  status: 'active',
  remarks: null,
  attributes: {},
  classes: {},
  codeRuleId: null,
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
  createdBy: 'test',
  updatedBy: 'test',
  ...over,
})

export const aCodeRule = (tenantId: string, over: Partial<CodeRule> = {}): CodeRule => ({
  id: uuid(),
  tenantId,
  name: `rule-${Math.random().toString(36).slice(2, 8)}`,
  pattern: '{serial:5}',
  mode: 'auto',
  onClash: 'next',
  legacyCodes: false,
  condition: null,
  position: 0,
  isDefault: false,
  enabled: true,
  createdAt: NOW,
  updatedAt: NOW,
  ...over,
})

export const aDimension = (over: Partial<DimensionType> = {}): DimensionType => ({
  id: uuid(),
  code: 'D',
  name: 'd',
  description: '',
  enabled: true,
  appliesTo: null,
  position: 0,
  ...over,
})

export const anAttribute = (dimensionId: string, over: Partial<AttributeDef> = {}): AttributeDef => ({
  id: uuid(),
  dimensionId,
  code: 'ERP',
  name: 'ERP 编号',
  type: 'text',
  precision: 0,
  required: false,
  defaultValue: null,
  constraints: {},
  options: [],
  unique: false,
  indexed: false,
  position: 0,
  enabled: true,
  ...over,
})

/** A new tenant and a user (not an administrator) to own records in it, stored; their ids. */
export async function aTenantAndUser(store: Store): Promise<{ tenantId: string; userId: string }> {
  const t = aTenant()
  const userId = uuid()
  await store.transaction(async (tx) => {
    await tx.tenants.insert(t)
    await tx.users.insert({
      id: userId,
      login: `u${userId.slice(-8)}`,
      displayName: 'U',
      isAdmin: false,
      enabled: true,
      createdAt: NOW,
    })
  })
  return { tenantId: t.id, userId }
}
