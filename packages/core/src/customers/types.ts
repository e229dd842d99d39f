export const CUSTOMER_STATUSES = ['active', 'disabled', 'archived'] as const
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number]

/** 客户档案, as stored. Money is in cents (integers), dates `YYYY-MM-DD`, timestamps UTC ISO 8601. */
export interface Customer {
  id: string
  tenantId: string
  code: string
  name: string
  shortName: string | null
  mnemonic: string | null
  uscc: string | null
  legalRepresentative: string | null
  address: string | null
  postcode: string | null
  phone: string | null
  email: string | null
  website: string | null
  bankName: string | null
  bankAccount: string | null
  taxNumber: string | null
  accountManagerId: string | null
  department: string | null
  creditGrade: string | null
  creditLimitCents: number | null
  registrationDate: string
  headOfficeId: string | null
  lifecycleStage: string | null
  status: CustomerStatus
  remarks: string | null
  /** Attribute values keyed by attribute code; choice values hold option codes. */
  attributes: Record<string, unknown>
  /** Node id per scheme id: at most one node per scheme. */
  classes: Record<string, string>
  codeRuleId: string | null
  version: number
  createdAt: string
  updatedAt: string
  createdBy: string
  updatedBy: string
}
