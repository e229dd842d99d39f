import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type Answer, api, type Body, ok } from '../../api/client'

const RULES = '/api/t/{tenant}/code-rules'
const RULE = '/api/t/{tenant}/code-rules/{name}'
const MAPS = '/api/t/{tenant}/code-maps'
const MAP = '/api/t/{tenant}/code-maps/{name}'

export type CodeRule = Answer<typeof RULES, 'get'>['items'][number]
export type CodeMode = CodeRule['mode']
export type OnClash = CodeRule['onClash']
/** What the rule editor sends, for a new rule and a change alike: the pattern as text (the API takes segments too). */
export type CodeRuleInput = Pick<Body<typeof RULES, 'post'>, 'name' | 'mode' | 'onClash' | 'isDefault' | 'enabled'> & {
  pattern: string
}
export type PatternCheck = Answer<`${typeof RULES}/check`, 'post'>
/** A sample customer for the preview, as the editor picks it (the API takes any customer fields). */
export interface CodeSample {
  type?: string
  region?: string
  class?: string
  industry?: string
  registrationDate?: string
}
export type CodePreview = Answer<`${typeof RULES}/preview`, 'post'>
export type CodeMap = Answer<typeof MAPS, 'get'>['items'][number]
export type CodeMapInput = Body<typeof MAPS, 'post'>
export type CounterCapacity = Answer<'/api/t/{tenant}/codes/capacity', 'get'>['items'][number]
export type CodeAudit = Answer<'/api/t/{tenant}/codes/audit', 'get'>
export type CodeFinding = CodeAudit['findings'][number]
export type FindingKind = CodeFinding['kind']
export type SchemeNode = Answer<'/api/t/{tenant}/schemes/{scheme}', 'get'>['nodes'][number]

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
    queryFn: ({ signal }) => ok(api.GET(RULES, { params: { path: { tenant } }, signal })).then((r) => r.items),
  })

export const useCodeMaps = (tenant: string) =>
  useQuery({
    queryKey: codeKeys.maps(tenant),
    queryFn: ({ signal }) => ok(api.GET(MAPS, { params: { path: { tenant } }, signal })).then((r) => r.items),
  })

export const useCapacity = (tenant: string) =>
  useQuery({
    queryKey: codeKeys.capacity(tenant),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/t/{tenant}/codes/capacity', { params: { path: { tenant } }, signal })).then((r) => r.items),
  })

/** The nodes of a scheme, for the preview's sample pickers (the classes area shares the cache key). */
export const useSchemeNodes = (tenant: string, scheme: string) =>
  useQuery({
    queryKey: codeKeys.nodes(tenant, scheme),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/t/{tenant}/schemes/{scheme}', { params: { path: { tenant, scheme } }, signal })),
    select: (t) => t.nodes,
  })

/** The server's check of a pattern with this tenant's values and rules; refusals come back as data. */
export const usePatternCheck = (tenant: string, pattern: string, rule: string | undefined) =>
  useQuery({
    queryKey: codeKeys.check(tenant, pattern, rule),
    enabled: pattern.trim() !== '',
    queryFn: ({ signal }) =>
      ok(
        api.POST(`${RULES}/check`, {
          params: { path: { tenant } },
          body: { pattern, ...(rule ? { rule } : {}) },
          signal,
        }),
      ),
    placeholderData: (prev) => prev,
    staleTime: 5_000,
  })

export const usePreview = (tenant: string, pattern: string, sample: CodeSample, count: number, enabled: boolean) =>
  useQuery({
    queryKey: codeKeys.preview(tenant, pattern, sample, count),
    enabled,
    retry: false,
    queryFn: ({ signal }) =>
      ok(api.POST(`${RULES}/preview`, { params: { path: { tenant } }, body: { pattern, sample, count }, signal })),
  })

/** A write to the code-rule API (one of the functions below); every code-rule query of the tenant is refreshed afterwards. */
export function useCodeCall<I, O = unknown>(tenant: string, call: (input: I) => Promise<O>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: () => qc.invalidateQueries({ queryKey: codeKeys.all(tenant) }),
  })
}

export const createCodeRule = (tenant: string, body: CodeRuleInput) =>
  ok(api.POST(RULES, { params: { path: { tenant } }, body }))

export const updateCodeRule = (tenant: string, name: string, body: CodeRuleInput) =>
  ok(api.PATCH(RULE, { params: { path: { tenant, name } }, body }))

export const deleteCodeRule = (tenant: string, name: string) =>
  ok(api.DELETE(RULE, { params: { path: { tenant, name } } }))

export const createCodeMap = (tenant: string, body: CodeMapInput) =>
  ok(api.POST(MAPS, { params: { path: { tenant } }, body }))

export const replaceCodeMap = (tenant: string, name: string, body: CodeMapInput) =>
  ok(api.PUT(MAP, { params: { path: { tenant, name } }, body }))

/** The code audit: every duplicated, malformed or off-rule code and every counter behind a code. */
export const auditCodes = (tenant: string) =>
  ok(api.GET('/api/t/{tenant}/codes/audit', { params: { path: { tenant } } }))

/** Starts the audit's fix (moves every counter that is behind past its codes) as a job, to follow with useJob. */
export const startCodeAuditFix = (tenant: string) =>
  ok(api.POST('/api/t/{tenant}/codes/audit/fix', { params: { path: { tenant } } }))
