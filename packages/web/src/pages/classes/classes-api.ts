import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type Answer, api, type Body, ok } from '../../api/client'
import type { components } from '../../api/schema'

const S = '/api/t/{tenant}/schemes/{scheme}'
const NODE = `${S}/nodes/{code}` as const
const RULE = `${S}/rules/{rule}` as const

export type Scheme = components['schemas']['ClassScheme']
export type TreeNode = components['schemas']['ClassTreeNode']
export type Tree = Answer<typeof S, 'get'>
export type MovePreview = Answer<`${typeof NODE}/move`, 'post'>
export type ClassRule = components['schemas']['ClassRule']
export type ClassRuleBody = Body<`${typeof S}/rules`, 'post'>
export type ReclassifyPreview = Answer<`${typeof S}/reclassify`, 'post'>

export const classKeys = {
  all: (tenant: string) => ['t', tenant, 'classes'] as const,
  schemes: (tenant: string) => ['t', tenant, 'classes', 'schemes'] as const,
  tree: (tenant: string, scheme: string) => ['t', tenant, 'classes', 'tree', scheme] as const,
  rules: (tenant: string, scheme: string) => ['t', tenant, 'classes', 'rules', scheme] as const,
}

export const useSchemes = (tenant: string) =>
  useQuery({
    queryKey: classKeys.schemes(tenant),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/t/{tenant}/schemes', { params: { path: { tenant } }, signal })).then((r) => r.items),
  })

export const useTree = (tenant: string, scheme: string) =>
  useQuery({
    queryKey: classKeys.tree(tenant, scheme),
    queryFn: ({ signal }) => ok(api.GET(S, { params: { path: { tenant, scheme } }, signal })),
  })

export const useRules = (tenant: string, scheme: string) =>
  useQuery({
    queryKey: classKeys.rules(tenant, scheme),
    queryFn: ({ signal }) =>
      ok(api.GET(`${S}/rules`, { params: { path: { tenant, scheme } }, signal })).then((r) => r.items),
  })

/** A write to the class API (one of the functions below); every class query of the tenant is refreshed afterwards. */
export function useClassCall<I, O = unknown>(tenant: string, call: (input: I) => Promise<O>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: call,
    // Not awaited: the caller's own onSuccess must run before a refetch can unmount the dialog that made the call.
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: classKeys.all(tenant) })
    },
  })
}

export const createScheme = (tenant: string, body: Body<'/api/t/{tenant}/schemes', 'post'>) =>
  ok(api.POST('/api/t/{tenant}/schemes', { params: { path: { tenant } }, body }))

export const updateScheme = (tenant: string, scheme: string, body: Body<typeof S, 'patch'>) =>
  ok(api.PATCH(S, { params: { path: { tenant, scheme } }, body }))

export const createNode = (tenant: string, scheme: string, body: Body<`${typeof S}/nodes`, 'post'>) =>
  ok(api.POST(`${S}/nodes`, { params: { path: { tenant, scheme } }, body }))

/** Rename, enable or disable a class, or change its defaults. */
export const updateNode = (tenant: string, scheme: string, code: string, body: Body<typeof NODE, 'patch'>) =>
  ok(api.PATCH(NODE, { params: { path: { tenant, scheme, code } }, body }))

/** Deletes a class; with `moveCustomersTo` its customers move there first. */
export const deleteNode = (tenant: string, scheme: string, code: string, moveCustomersTo?: string) =>
  ok(
    api.DELETE(NODE, {
      params: { path: { tenant, scheme, code }, query: moveCustomersTo ? { moveCustomersTo } : {} },
    }),
  )

/** Moves a subtree under another parent; `preview: true` only says what would change. */
export const moveNode = (tenant: string, scheme: string, code: string, body: Body<`${typeof NODE}/move`, 'post'>) =>
  ok(api.POST(`${NODE}/move`, { params: { path: { tenant, scheme, code } }, body }))

export const mergeNode = (tenant: string, scheme: string, code: string, into: string) =>
  ok(api.POST(`${NODE}/merge`, { params: { path: { tenant, scheme, code } }, body: { into } }))

/** What merging `code` into `into` would do now, from the server's dry run (the merge rehearsed, nothing kept). */
export const useMergePreview = (tenant: string, scheme: string, code: string, into: string | undefined) =>
  useQuery({
    queryKey: [...classKeys.tree(tenant, scheme), 'merge-preview', code, into],
    enabled: into !== undefined,
    queryFn: ({ signal }) =>
      ok(
        api.POST(`${NODE}/merge`, {
          params: { path: { tenant, scheme, code } },
          body: { into: into as string, preview: true },
          signal,
        }),
      ),
  })

export const createClassRule = (tenant: string, scheme: string, body: ClassRuleBody) =>
  ok(api.POST(`${S}/rules`, { params: { path: { tenant, scheme } }, body }))

export const updateClassRule = (tenant: string, scheme: string, rule: string, body: Body<typeof RULE, 'patch'>) =>
  ok(api.PATCH(RULE, { params: { path: { tenant, scheme, rule } }, body }))

export const deleteClassRule = (tenant: string, scheme: string, rule: string) =>
  ok(api.DELETE(RULE, { params: { path: { tenant, scheme, rule } } }))

/** Re-classification: `preview: true` lists who would move; `expectedCount` applies it if the count still holds. */
export const reclassify = (tenant: string, scheme: string, body: Body<`${typeof S}/reclassify`, 'post'>) =>
  ok(api.POST(`${S}/reclassify`, { params: { path: { tenant, scheme } }, body }))
