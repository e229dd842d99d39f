/** The built-in schemes every tenant has; users add more with their own codes. */
export const BUILTIN_SCHEMES = ['type', 'class', 'region', 'industry'] as const
export type BuiltinScheme = (typeof BUILTIN_SCHEMES)[number]

/** 分类体系: a tree (with a level scheme) or a flat list (free codes, e.g. 客户类型). */
export interface ClassScheme {
  id: string
  tenantId: string
  /** `type`, `class`, `region`, `industry`, or a user code such as `VALUE`. */
  code: string
  name: string
  /** 编码方案 as level lengths, e.g. [2, 3, 4]; null for a flat scheme with free codes. */
  levels: number[] | null
  /** 末级: customers may sit only on leaves. */
  leafOnly: boolean
  builtin: boolean
  enabled: boolean
  position: number
}

/** Per-class defaults applied to new customers (filling only empty fields). */
export interface ClassDefaults {
  accountManagerId?: string | null
  codeRuleId?: string | null
  serviceLevel?: string | null
}

/** 分类: a node of a classification tree. */
export interface ClassNode {
  id: string
  tenantId: string
  schemeId: string
  code: string
  name: string
  parentId: string | null
  /** 1-based level in the scheme. */
  level: number
  enabled: boolean
  defaults: ClassDefaults
  createdAt: string
  updatedAt: string
}

/** 自动分类规则: if the condition matches a customer, it belongs on `nodeId` (first match per scheme wins). */
export interface ClassRule {
  id: string
  tenantId: string
  schemeId: string
  name: string
  /** Order within the scheme: lower first. */
  position: number
  /** A core `Filter` (kept as unknown here so the port does not depend on the filter module). */
  condition: unknown
  nodeId: string
  enabled: boolean
  createdAt: string
  updatedAt: string
}
