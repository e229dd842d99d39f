import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { apiFetch, tenantPath } from '../../api/client'

export type CustomerStatus = 'active' | 'disabled' | 'archived'

export interface NodeRef {
  code: string
  name: string
  path: { code: string; name: string }[]
}

/** A customer as the API returns it (`customerJson`): node codes per scheme, credit limit in yuan. */
export interface Customer {
  id: string
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
  accountManager: string | null
  department: string | null
  creditGrade: string | null
  creditLimit: string | null
  registrationDate: string
  headOffice: { code: string; name: string } | null
  lifecycleStage: string | null
  status: CustomerStatus
  remarks: string | null
  type: string | null
  class: string | null
  region: string | null
  industry: string | null
  classes: Record<string, string>
  nodes: Record<string, NodeRef>
  attributes: Record<string, unknown>
  version: number
  createdAt: string
  updatedAt: string
  createdBy: string
  updatedBy: string
}

export interface CustomerDetail extends Customer {
  codes: { code: string; kind: 'live' | 'alias'; createdAt: string }[]
  matchedAlias?: string
}

export interface CreatedCustomer extends Customer {
  codeReplaced?: { requested: string; issued: string }
}

export interface HistoryEntry {
  id: string
  at: string
  actor: string
  action: string
  changes: { field: string; before: unknown; after: unknown }[]
  note?: string
}

export interface CustomerQuery {
  q?: string
  type?: string
  class?: string
  region?: string
  industry?: string
  /** User schemes as `SCHEME:NODE`. */
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

const enc = encodeURIComponent

export const customerPath = (tenant: string, idOrCode = '', rest = '') =>
  tenantPath(tenant, `/customers${idOrCode ? `/${enc(idOrCode)}` : ''}${rest}`)

/** The strong ETag of a version, as `If-Match` wants it. */
export const etag = (version: number) => `"v${version}"`

export const useCustomers = (tenant: string, q: CustomerQuery) =>
  useQuery({
    queryKey: customerKeys.list(tenant, q),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Customer[]; total: number; limit: number; offset: number }>(customerPath(tenant), {
        signal,
        query: { ...q },
      }),
    placeholderData: keepPreviousData,
  })

export const useCustomer = (tenant: string, idOrCode: string) =>
  useQuery({
    queryKey: customerKeys.one(tenant, idOrCode),
    queryFn: ({ signal }) => apiFetch<CustomerDetail>(customerPath(tenant, idOrCode), { signal }),
    retry: false,
  })

export const useHistory = (tenant: string, id: string | undefined) =>
  useQuery({
    queryKey: customerKeys.history(tenant, id ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<{ items: HistoryEntry[] }>(customerPath(tenant, id, '/history'), { signal }).then((r) => r.items),
    enabled: Boolean(id),
  })

/** What the new-customer form learns before saving: the rule that will code it and the code it would get now. */
export interface CodePreview {
  rule: { name: string; pattern: string; mode: 'auto' | 'auto-editable' | 'manual' }
  code: string | null
  missing: { path: (string | number)[]; code: string; message: string }[]
  issues: { path: (string | number)[]; code: string; message: string }[]
}

export const useCodePreview = (tenant: string, draft: Record<string, unknown>, enabled: boolean) =>
  useQuery({
    queryKey: [...customerKeys.all(tenant), 'code-preview', draft],
    enabled,
    queryFn: ({ signal }) =>
      apiFetch<CodePreview>(tenantPath(tenant, '/customers/code-preview'), { method: 'POST', body: draft, signal }),
    placeholderData: keepPreviousData,
    staleTime: 2_000,
  })

/** Where the record page's "back to the list" goes: the list as the clerk last left it (filters, page), per tab. */
export const listSearchKey = (tenant: string) => `kehu.customers.list.${tenant}`
