import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type Answer, api, type Body, ok } from '../../api/client'

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

type Listed = Answer<'/api/t/{tenant}/dimensions', 'get'>['items'][number]

/** An attribute as the API lists it; `held`: how many customers hold a value. */
export type Attribute = Omit<Listed['attributes'][number], 'held'> & { held?: number }
export type AttributeOption = Attribute['options'][number]

export interface FilterCondition {
  field: string
  op: string
  value?: unknown
}
/** The filter's whole tree; the API documents only its envelope (`{ all | any: [...] }`) and checks the rest. */
export type Filter = { all: (FilterCondition | Filter)[] } | { any: (FilterCondition | Filter)[] }

export type Dimension = Omit<Listed, 'appliesTo'> & { appliesTo: Filter | null }
export type DimensionBody = Body<'/api/t/{tenant}/dimensions', 'post'>
export type DimensionPatch = Body<'/api/t/{tenant}/dimensions/{code}', 'patch'>
export type AttributeBody = Body<'/api/t/{tenant}/dimensions/{code}/attributes', 'post'>
export type AttributePatch = Body<'/api/t/{tenant}/attributes/{code}', 'patch'>
export type ChangePreview = Answer<'/api/t/{tenant}/attributes/{code}/preview-change', 'post'>
export type AttributeConflict = ChangePreview['conflicts'][number]
export type IncompleteCustomers = Answer<'/api/t/{tenant}/attributes/{code}/incomplete', 'get'>
export type FormSection = Answer<'/api/t/{tenant}/customer-form', 'get'>['sections'][number]

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
      // The filter's tree as the server checked it on the way in (see Filter).
      ok(api.GET('/api/t/{tenant}/dimensions', { params: { path: { tenant } }, signal })).then(
        (r) => r.items as Dimension[],
      ),
  })

/** The customers a required attribute applies to that hold no value (the first 50, and the count). */
export const useIncompleteCustomers = (tenant: string, attribute: string, enabled: boolean) =>
  useQuery({
    queryKey: ['t', tenant, 'attributes', attribute, 'incomplete'],
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/t/{tenant}/attributes/{code}/incomplete', {
          params: { path: { tenant, code: attribute } },
          signal,
        }),
      ),
    enabled,
  })

export type ClassTreeNode = Answer<'/api/t/{tenant}/schemes/{scheme}', 'get'>['nodes'][number]

/** The class tree for the "applies to" picker; undefined data while the route is missing. */
export const useClassTree = (tenant: string) =>
  useQuery({
    queryKey: ['t', tenant, 'schemes', 'class', 'tree-for-dimensions'],
    queryFn: ({ signal }) =>
      ok(api.GET('/api/t/{tenant}/schemes/{scheme}', { params: { path: { tenant, scheme: 'class' } }, signal })).then(
        (r) => r.nodes,
      ),
    retry: false,
  })

/** Every write of this area; each refreshes the list (and the summary's counts). */
export function useDimensionMutations(tenant: string) {
  const qc = useQueryClient()
  const done = () => qc.invalidateQueries({ queryKey: ['t', tenant] })
  const path = { tenant }
  return {
    createDimension: useMutation({
      mutationFn: (body: DimensionBody) => ok(api.POST('/api/t/{tenant}/dimensions', { params: { path }, body })),
      onSuccess: done,
    }),
    updateDimension: useMutation({
      mutationFn: ({ code, body }: { code: string; body: DimensionPatch }) =>
        ok(api.PATCH('/api/t/{tenant}/dimensions/{code}', { params: { path: { tenant, code } }, body })),
      onSuccess: done,
    }),
    deleteDimension: useMutation({
      mutationFn: (code: string) =>
        ok(api.DELETE('/api/t/{tenant}/dimensions/{code}', { params: { path: { tenant, code } } })),
      onSuccess: done,
    }),
    createAttribute: useMutation({
      mutationFn: ({ dimension, body }: { dimension: string; body: AttributeBody }) =>
        ok(
          api.POST('/api/t/{tenant}/dimensions/{code}/attributes', {
            params: { path: { tenant, code: dimension } },
            body,
          }),
        ),
      onSuccess: done,
    }),
    updateAttribute: useMutation({
      mutationFn: ({ code, body }: { code: string; body: AttributePatch }) =>
        ok(api.PATCH('/api/t/{tenant}/attributes/{code}', { params: { path: { tenant, code } }, body })),
      onSuccess: done,
    }),
    previewAttribute: useMutation({
      mutationFn: ({ code, body }: { code: string; body: AttributePatch }) =>
        ok(api.POST('/api/t/{tenant}/attributes/{code}/preview-change', { params: { path: { tenant, code } }, body })),
    }),
    fillAttribute: useMutation({
      mutationFn: ({ code, value, dryRun }: { code: string; value: unknown; dryRun: boolean }) =>
        ok(
          api.POST('/api/t/{tenant}/attributes/{code}/fill', {
            params: { path: { tenant, code } },
            body: { value, dryRun },
          }),
        ),
      onSuccess: (r) => (r.dryRun ? undefined : done()),
    }),
    deleteAttribute: useMutation({
      mutationFn: ({ code, force }: { code: string; force: boolean }) =>
        ok(
          api.DELETE('/api/t/{tenant}/attributes/{code}', {
            params: { path: { tenant, code }, query: { force: force ? 'true' : 'false' } },
          }),
        ),
      onSuccess: done,
    }),
  }
}

/** The attributes that apply to a customer with these classes (node code per scheme code). */
export const useCustomerForm = (tenant: string, classes: Record<string, string | undefined>) =>
  useQuery({
    queryKey: ['t', tenant, 'customer-form', classes],
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/t/{tenant}/customer-form', {
          // Every scheme code is a parameter, user schemes too; the document names the built-in ones.
          params: { path: { tenant }, query: Object.fromEntries(Object.entries(classes).filter(([, v]) => v)) },
          signal,
        }),
      ).then((r) => r.sections),
  })
