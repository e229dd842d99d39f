import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiFetch, tenantPath } from '../../api/client'

export interface Scheme {
  code: string
  name: string
  levels: string | null
  mask: string | null
  leafOnly: boolean
  builtin: boolean
  enabled: boolean
  nodeCount: number
}

export interface TreeNode {
  id: string
  code: string
  name: string
  displayName: string
  parentCode: string | null
  level: number
  leaf: boolean
  enabled: boolean
  customerCount: number
  subtreeCustomerCount: number
  aliases: string[]
  defaults: { accountManagerId?: string | null; codeRuleId?: string | null; serviceLevel?: string | null }
}

export interface Tree {
  scheme: Scheme
  nodes: TreeNode[]
}

export interface MovePreview {
  moves: { oldCode: string; newCode: string; name: string; customerCount: number }[]
  customersAffected: number
}

export interface ClassRule {
  id: string
  name: string
  position: number
  condition: unknown
  description: { zh: string; en: string }
  node: string
  nodeName: string
  enabled: boolean
}

export interface ReclassifyPreview {
  count: number
  transitions: { from: string | null; to: string; count: number }[]
  skippedRules: string[]
  moved?: number
}

export const classKeys = {
  all: (tenant: string) => ['t', tenant, 'classes'] as const,
  schemes: (tenant: string) => ['t', tenant, 'classes', 'schemes'] as const,
  tree: (tenant: string, scheme: string) => ['t', tenant, 'classes', 'tree', scheme] as const,
  rules: (tenant: string, scheme: string) => ['t', tenant, 'classes', 'rules', scheme] as const,
}

const enc = encodeURIComponent

export const useSchemes = (tenant: string) =>
  useQuery({
    queryKey: classKeys.schemes(tenant),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Scheme[] }>(tenantPath(tenant, '/schemes'), { signal }).then((r) => r.items),
  })

export const useTree = (tenant: string, scheme: string) =>
  useQuery({
    queryKey: classKeys.tree(tenant, scheme),
    queryFn: ({ signal }) => apiFetch<Tree>(tenantPath(tenant, `/schemes/${enc(scheme)}`), { signal }),
  })

export const useRules = (tenant: string, scheme: string) =>
  useQuery({
    queryKey: classKeys.rules(tenant, scheme),
    queryFn: ({ signal }) =>
      apiFetch<{ items: ClassRule[] }>(tenantPath(tenant, `/schemes/${enc(scheme)}/rules`), { signal }).then(
        (r) => r.items,
      ),
  })

/** A write to the class API; every class query of the tenant is refreshed afterwards. */
export function useClassCall<I, O = unknown>(
  tenant: string,
  call: (input: I) => { path: string; method: string; body?: unknown },
) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: I) => {
      const { path, method, body } = call(input)
      return apiFetch<O>(tenantPath(tenant, path), { method, body })
    },
    // Not awaited: the caller's own onSuccess must run before a refetch can unmount the dialog that made the call.
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: classKeys.all(tenant) })
    },
  })
}

export const nodePath = (scheme: string, code: string, rest = '') => `/schemes/${enc(scheme)}/nodes/${enc(code)}${rest}`
