import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiFetch, tenantPath } from '../../api/client'

export const ATTRIBUTE_TYPES = [
  'text',
  'number',
  'date',
  'boolean',
  'single-choice',
  'multi-choice',
  'reference',
] as const
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number]

export interface AttributeOption {
  code: string
  label: string
  enabled: boolean
}

export interface Attribute {
  id: string
  dimensionId: string
  code: string
  name: string
  type: AttributeType
  precision: number
  required: boolean
  defaultValue: unknown
  constraints: { minLength?: number; maxLength?: number; pattern?: string; min?: string; max?: string }
  options: AttributeOption[]
  referenceScheme?: string
  unique: boolean
  indexed: boolean
  position: number
  enabled: boolean
  held?: number
}

export interface FilterCondition {
  field: string
  op: string
  value?: unknown
}
export type Filter = { all: (FilterCondition | Filter)[] } | { any: (FilterCondition | Filter)[] }

export interface Dimension {
  id: string
  code: string
  name: string
  description: string
  enabled: boolean
  appliesTo: Filter | null
  position: number
  attributes: Attribute[]
}

export interface AttributeConflict {
  customerId: string
  code: string
  value: unknown
  reason: { zh: string; en: string }
}

export interface ChangePreview {
  conflicts: AttributeConflict[]
  rewrites: number
  held: number
  /** Customers left without a value when the attribute is required after the change. */
  incomplete: number
}

export interface IncompleteCustomers {
  count: number
  customers: { id: string; code: string; name: string }[]
}

export interface FormSection {
  code: string
  name: string
  description: string
  attributes: Attribute[]
}

/** The class codes of an "applies to" filter made of `class under …` conditions; null for anything else. */
export function classCodesOf(f: Filter | null): string[] | null {
  if (f === null) return []
  const list = 'all' in f ? f.all : f.any
  const codes: string[] = []
  for (const c of list) {
    if (!('field' in c) || c.field !== 'class' || c.op !== 'under') return null
    codes.push(...(Array.isArray(c.value) ? c.value.map(String) : [String(c.value)]))
  }
  return list.length === 1 || 'any' in f ? codes : null
}

/** `class under` the codes (one condition); null (every customer) for none. */
export const classFilter = (codes: string[]): Filter | null =>
  codes.length === 0
    ? null
    : { all: [{ field: 'class', op: 'under', value: codes.length === 1 ? (codes[0] as string) : codes }] }

const key = (tenant: string) => ['t', tenant, 'dimensions'] as const

export const useDimensions = (tenant: string) =>
  useQuery({
    queryKey: key(tenant),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Dimension[] }>(tenantPath(tenant, '/dimensions'), { signal }).then((r) => r.items),
  })

/** The customers a required attribute applies to that hold no value (the first 50, and the count). */
export const useIncompleteCustomers = (tenant: string, attribute: string, enabled: boolean) =>
  useQuery({
    queryKey: ['t', tenant, 'attributes', attribute, 'incomplete'],
    queryFn: ({ signal }) =>
      apiFetch<IncompleteCustomers>(tenantPath(tenant, `/attributes/${encodeURIComponent(attribute)}/incomplete`), {
        signal,
      }),
    enabled,
  })

export interface ClassTreeNode {
  code: string
  name: string
  parentCode: string | null
}

/** The class tree for the "applies to" picker; undefined data while the route is missing. */
export const useClassTree = (tenant: string) =>
  useQuery({
    queryKey: ['t', tenant, 'schemes', 'class', 'tree-for-dimensions'],
    queryFn: ({ signal }) =>
      apiFetch<{ nodes: ClassTreeNode[] }>(tenantPath(tenant, '/schemes/class'), { signal }).then((r) => r.nodes),
    retry: false,
  })

/** Every write of this area; each refreshes the list (and the summary's counts). */
export function useDimensionMutations(tenant: string) {
  const qc = useQueryClient()
  const done = () => qc.invalidateQueries({ queryKey: ['t', tenant] })
  const base = tenantPath(tenant)
  return {
    createDimension: useMutation({
      mutationFn: (body: Record<string, unknown>) =>
        apiFetch<Dimension>(`${base}/dimensions`, { method: 'POST', body }),
      onSuccess: done,
    }),
    updateDimension: useMutation({
      mutationFn: ({ code, body }: { code: string; body: Record<string, unknown> }) =>
        apiFetch<Dimension>(`${base}/dimensions/${encodeURIComponent(code)}`, { method: 'PATCH', body }),
      onSuccess: done,
    }),
    deleteDimension: useMutation({
      mutationFn: (code: string) =>
        apiFetch<void>(`${base}/dimensions/${encodeURIComponent(code)}`, { method: 'DELETE' }),
      onSuccess: done,
    }),
    createAttribute: useMutation({
      mutationFn: ({ dimension, body }: { dimension: string; body: Record<string, unknown> }) =>
        apiFetch<{ attribute: Attribute; incomplete: number }>(
          `${base}/dimensions/${encodeURIComponent(dimension)}/attributes`,
          { method: 'POST', body },
        ),
      onSuccess: done,
    }),
    updateAttribute: useMutation({
      mutationFn: ({ code, body }: { code: string; body: Record<string, unknown> }) =>
        apiFetch<{ attribute: Attribute; rewritten: number; incomplete: number }>(
          `${base}/attributes/${encodeURIComponent(code)}`,
          { method: 'PATCH', body },
        ),
      onSuccess: done,
    }),
    previewAttribute: useMutation({
      mutationFn: ({ code, body }: { code: string; body: Record<string, unknown> }) =>
        apiFetch<ChangePreview>(`${base}/attributes/${encodeURIComponent(code)}/preview-change`, {
          method: 'POST',
          body,
        }),
    }),
    fillAttribute: useMutation({
      mutationFn: ({ code, value, dryRun }: { code: string; value: unknown; dryRun: boolean }) =>
        apiFetch<{ filled: number; dryRun: boolean }>(`${base}/attributes/${encodeURIComponent(code)}/fill`, {
          method: 'POST',
          body: { value, dryRun },
        }),
      onSuccess: (r) => (r.dryRun ? undefined : done()),
    }),
    deleteAttribute: useMutation({
      mutationFn: ({ code, force }: { code: string; force: boolean }) =>
        apiFetch<{ removedValues: number }>(`${base}/attributes/${encodeURIComponent(code)}`, {
          method: 'DELETE',
          query: { force },
        }),
      onSuccess: done,
    }),
  }
}

/** The attributes that apply to a customer with these classes (node code per scheme code). */
export const useCustomerForm = (tenant: string, classes: Record<string, string | undefined>) =>
  useQuery({
    queryKey: ['t', tenant, 'customer-form', classes],
    queryFn: ({ signal }) =>
      apiFetch<{ sections: FormSection[] }>(tenantPath(tenant, '/customer-form'), {
        signal,
        query: Object.fromEntries(Object.entries(classes).filter(([, v]) => v)),
      }).then((r) => r.sections),
  })
