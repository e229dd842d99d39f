import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ApiIssue, apiFetch, tenantPath } from '../../api/client'

export type CodeMode = 'auto' | 'auto-editable' | 'manual'
export type OnClash = 'next' | 'refuse'

export interface CodeRule {
  id: string
  name: string
  pattern: string
  mode: CodeMode
  onClash: OnClash
  condition: Record<string, unknown> | null
  position: number
  isDefault: boolean
  enabled: boolean
}

export interface CodeRuleInput {
  name: string
  pattern: string
  mode: CodeMode
  onClash: OnClash
  isDefault: boolean
  enabled: boolean
}

export interface PatternCheck {
  accepted: boolean
  pattern: string
  issues: ApiIssue[]
  scope: string[]
  capacity: number | null
  against: 'structure' | 'tenant'
}

export interface CodeSample {
  type?: string
  region?: string
  class?: string
  industry?: string
  registrationDate?: string
}

export interface CodePreview {
  pattern: string
  scopeKey: string
  counter: 'fresh' | 'stored'
  items: { code: string; serial: number; taken: boolean }[]
}

export interface CodeMap {
  id: string
  name: string
  entries: { value: string; short: string }[]
}

export interface CounterCapacity {
  rule: string
  pattern: string
  scopeKey: string
  /** The scope in words (客户类型=零售 · 地区=北京 · 2026-07-02). */
  scope: string
  used: number
  next: number
  max: number | null
  remaining: number | null
  remainingShare: number | null
  retries: number
  ratePerDay: number
  daysLeft: number | null
  level: 'ok' | 'warn' | 'full'
}

export type FindingKind = 'duplicate' | 'malformed' | 'off-rule' | 'counter-behind'
export interface CodeFinding {
  kind: FindingKind
  code: string
  customerId: string
  customerName: string
  rule?: string
  reason: string
  fix: string
  fixed?: boolean
}
export interface CodeAudit {
  checked: number
  counts: Record<FindingKind, number>
  fixed: number
  findings: CodeFinding[]
}

export interface SchemeNode {
  code: string
  name: string
  leaf: boolean
  level: number
}

const enc = encodeURIComponent

export const codeKeys = {
  all: (tenant: string) => ['t', tenant, 'code-rules'] as const,
  rules: (tenant: string) => ['t', tenant, 'code-rules', 'rules'] as const,
  maps: (tenant: string) => ['t', tenant, 'code-rules', 'maps'] as const,
  capacity: (tenant: string) => ['t', tenant, 'code-rules', 'capacity'] as const,
  check: (tenant: string, pattern: string, rule: string | undefined) =>
    ['t', tenant, 'code-rules', 'check', pattern, rule ?? ''] as const,
  preview: (tenant: string, pattern: string, sample: CodeSample, count: number) =>
    ['t', tenant, 'code-rules', 'preview', pattern, sample, count] as const,
  nodes: (tenant: string, scheme: string) => ['t', tenant, 'classes', 'tree', scheme] as const,
}

export const useCodeRules = (tenant: string) =>
  useQuery({
    queryKey: codeKeys.rules(tenant),
    queryFn: ({ signal }) =>
      apiFetch<{ items: CodeRule[] }>(tenantPath(tenant, '/code-rules'), { signal }).then((r) => r.items),
  })

export const useCodeMaps = (tenant: string) =>
  useQuery({
    queryKey: codeKeys.maps(tenant),
    queryFn: ({ signal }) =>
      apiFetch<{ items: CodeMap[] }>(tenantPath(tenant, '/code-maps'), { signal }).then((r) => r.items),
  })

export const useCapacity = (tenant: string) =>
  useQuery({
    queryKey: codeKeys.capacity(tenant),
    queryFn: ({ signal }) =>
      apiFetch<{ items: CounterCapacity[] }>(tenantPath(tenant, '/codes/capacity'), { signal }).then((r) => r.items),
  })

/** The nodes of a scheme, for the preview's sample pickers (the classes area shares the cache key). */
export const useSchemeNodes = (tenant: string, scheme: string) =>
  useQuery({
    queryKey: codeKeys.nodes(tenant, scheme),
    queryFn: ({ signal }) =>
      apiFetch<{ nodes: SchemeNode[] }>(tenantPath(tenant, `/schemes/${enc(scheme)}`), { signal }),
    select: (t) => t.nodes,
  })

/** The server's check of a pattern with this tenant's values and rules; refusals come back as data. */
export const usePatternCheck = (tenant: string, pattern: string, rule: string | undefined) =>
  useQuery({
    queryKey: codeKeys.check(tenant, pattern, rule),
    enabled: pattern.trim() !== '',
    queryFn: ({ signal }) =>
      apiFetch<PatternCheck>(tenantPath(tenant, '/code-rules/check'), {
        method: 'POST',
        body: { pattern, ...(rule ? { rule } : {}) },
        signal,
      }),
    placeholderData: (prev) => prev,
    staleTime: 5_000,
  })

export const usePreview = (tenant: string, pattern: string, sample: CodeSample, count: number, enabled: boolean) =>
  useQuery({
    queryKey: codeKeys.preview(tenant, pattern, sample, count),
    enabled,
    retry: false,
    queryFn: ({ signal }) =>
      apiFetch<CodePreview>(tenantPath(tenant, '/code-rules/preview'), {
        method: 'POST',
        body: { pattern, sample, count },
        signal,
      }),
  })

/** A write to the code-rule API; every code-rule query of the tenant is refreshed afterwards. */
export function useCodeCall<I, O = unknown>(
  tenant: string,
  call: (input: I) => { path: string; method: string; body?: unknown },
) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: I) => {
      const { path, method, body } = call(input)
      return apiFetch<O>(tenantPath(tenant, path), { method, body })
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: codeKeys.all(tenant) }),
  })
}

export const rulePath = (name: string) => `/code-rules/${enc(name)}`
export const mapPath = (name: string) => `/code-maps/${enc(name)}`
