/** 账套: one company's isolated data set. */
export interface Tenant {
  id: string
  code: string
  name: string
  timeZone: string
  isDefault: boolean
  createdAt: string
}

/** A kehu user (global: one login may work in several tenants). */
export interface AppUser {
  id: string
  login: string
  displayName: string
  isAdmin: boolean
  enabled: boolean
  createdAt: string
}

export type CodeMode = 'auto' | 'auto-editable' | 'manual'
/** On a clash with an existing code: take the next free number (重号时自动重取) or refuse. */
export type OnClash = 'next' | 'refuse'

/** 编码规则 as stored: the pattern in its text form plus how it is applied. */
export interface CodeRule {
  id: string
  tenantId: string
  name: string
  pattern: string
  mode: CodeMode
  onClash: OnClash
  /** Typed codes that do not fit the pattern (legacy codes) are accepted with a warning instead of refused. */
  legacyCodes: boolean
  /** A filter (core/filter) that picks this rule; null for an unconditional rule. */
  condition: unknown | null
  position: number
  isDefault: boolean
  enabled: boolean
  createdAt: string
  updatedAt: string
}

/** 对照表: value → short code (北京 → BJ). */
export interface CodeMapRecord {
  id: string
  tenantId: string
  name: string
  entries: { value: string; short: string }[]
  createdAt: string
  updatedAt: string
}

/** One counter of a rule: the next serial to hand out in one serial scope. */
export interface CodeCounter {
  tenantId: string
  ruleId: string
  scopeKey: string
  nextValue: number
  issued: number
  retries: number
  createdAt: string
  updatedAt: string
}

export type CodeKind = 'live' | 'alias'

/** One entry of the code registry: every code a customer has, live or old. */
export interface CustomerCode {
  tenantId: string
  code: string
  customerId: string
  kind: CodeKind
  ruleId: string | null
  scopeKey: string | null
  serial: number | null
  createdAt: string
}

export interface AuditEvent {
  id: string
  tenantId: string
  at: string
  actor: string
  /** `noun.pastTense`, e.g. `customer.created`. */
  action: string
  entity: string
  entityId: string
  data: Record<string, unknown>
  requestId: string | null
}
