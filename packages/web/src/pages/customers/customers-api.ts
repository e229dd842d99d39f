import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { type Answer, api, type Body, ok } from '../../api/client'
import type { components } from '../../api/schema'

/** A customer as the API returns it (`customerJson`): node codes per scheme, credit limit in yuan. */
export type Customer = components['schemas']['Customer']
export type CustomerStatus = Customer['status']
export type NodeRef = Customer['nodes'][string]
export type CustomerDetail = components['schemas']['CustomerDetail']
export type CreatedCustomer = Answer<'/api/t/{tenant}/customers', 'post'>
export type HistoryEntry = components['schemas']['CustomerHistoryEntry']
/** What a create takes; an edit takes any part of it. */
export type CustomerBody = Body<'/api/t/{tenant}/customers', 'post'>
/** The fields an edit changes. */
export type CustomerPatch = Body<'/api/t/{tenant}/customers/{id}', 'patch'>
/** A customer's values so far, as the new-customer form previews its code. */
export type CustomerDraft = Body<'/api/t/{tenant}/customers/code-preview', 'post'>
/** What the new-customer form learns before saving: the rule that will code it and the code it would get now. */
export type CodePreview = Answer<'/api/t/{tenant}/customers/code-preview', 'post'>

/**
 * The list's filters as the page keeps them: one node per built-in scheme, user schemes as `SCHEME:NODE`
 * (the API takes lists too; `useCustomers` checks this against it).
 */
export interface CustomerQuery {
  q?: string
  type?: string
  class?: string
  region?: string
  industry?: string
  scheme?: string[]
  status?: string
  limit: number
  offset: number
}

export const customerKeys = {
  all: (tenant: string) => ['t', tenant, 'customers'] as const,
  list: (tenant: string, q: CustomerQuery) => ['t', tenant, 'customers', 'list', q] as const,
  one: (tenant: string, idOrCode: string) => ['t', tenant, 'customers', 'one', idOrCode] as const,
  history: (tenant: string, id: string) => ['t', tenant, 'customers', 'history', id] as const,
}

/** The strong ETag of a version, as `If-Match` wants it. */
export const etag = (version: number) => `"v${version}"`

export const useCustomers = (tenant: string, q: CustomerQuery) =>
  useQuery({
    queryKey: customerKeys.list(tenant, q),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/t/{tenant}/customers', { params: { path: { tenant }, query: q }, signal })),
    placeholderData: keepPreviousData,
  })

export const useCustomer = (tenant: string, idOrCode: string) =>
  useQuery({
    queryKey: customerKeys.one(tenant, idOrCode),
    queryFn: ({ signal }) =>
      ok(api.GET('/api/t/{tenant}/customers/{id}', { params: { path: { tenant, id: idOrCode } }, signal })),
    retry: false,
  })

export const useHistory = (tenant: string, id: string | undefined) =>
  useQuery({
    queryKey: customerKeys.history(tenant, id ?? ''),
    queryFn: ({ signal }) =>
      ok(
        api.GET('/api/t/{tenant}/customers/{id}/history', { params: { path: { tenant, id: id ?? '' } }, signal }),
      ).then((r) => r.items),
    enabled: Boolean(id),
  })

export const useCodePreview = (tenant: string, draft: CustomerDraft, enabled: boolean) =>
  useQuery({
    queryKey: [...customerKeys.all(tenant), 'code-preview', draft],
    enabled,
    queryFn: ({ signal }) =>
      ok(api.POST('/api/t/{tenant}/customers/code-preview', { params: { path: { tenant } }, body: draft, signal })),
    placeholderData: keepPreviousData,
    staleTime: 2_000,
  })

/**
 * Creates a customer; its code comes from the applicable rule unless the rule lets the clerk type one. A retry
 * with the same idempotency key returns the customer the first request made.
 */
export const createCustomer = (tenant: string, body: CustomerBody, idempotencyKey: string) =>
  ok(
    api.POST('/api/t/{tenant}/customers', {
      params: { path: { tenant }, header: { 'idempotency-key': idempotencyKey } },
      body,
    }),
  )

/** Saves the changed fields of the version the clerk edited (If-Match: a newer version is refused, not overwritten). */
export const updateCustomer = (tenant: string, c: Pick<Customer, 'id' | 'version'>, body: CustomerPatch) =>
  ok(
    api.PATCH('/api/t/{tenant}/customers/{id}', {
      params: { path: { tenant, id: c.id }, header: { 'if-match': etag(c.version) } },
      body,
    }),
  )

/**
 * Re-codes the version the clerk sees: to a typed code, or (none given) the next code of the rule that applies now.
 * The old code stays as an alias; a typed code off the rule comes back with `codeWarning`.
 */
export const recodeCustomer = (tenant: string, c: Pick<Customer, 'id' | 'version'>, newCode: string | null) =>
  ok(
    api.POST('/api/t/{tenant}/customers/{id}/recode', {
      params: { path: { tenant, id: c.id } },
      body: { ...(newCode ? { newCode } : { reallocate: true }), expectedVersion: c.version },
    }),
  )

export type StatusAction = 'disable' | 'enable' | 'archive' | 'restore'

/** 停用, 启用, 归档 or 恢复 the version the clerk sees (If-Match). */
export const changeCustomerStatus = (tenant: string, c: Pick<Customer, 'id' | 'version'>, action: StatusAction) =>
  ok(
    api.POST(`/api/t/{tenant}/customers/{id}/${action}`, {
      params: { path: { tenant, id: c.id }, header: { 'if-match': etag(c.version) } },
    }),
  )

/** Where the record page's "back to the list" goes: the list as the clerk last left it (filters, page), per tab. */
export const listSearchKey = (tenant: string) => `kehu.customers.list.${tenant}`
