import { useQuery } from '@tanstack/react-query'
import { api, ok } from './client'
import type { components } from './schema'

/** 账套 as `GET /api/tenants` lists it. */
export type TenantInfo = components['schemas']['Tenant']

/** Query keys: everything of one tenant sits under `['t', tenant, …]`, so a switch never mixes data. */
export const queryKeys = {
  tenants: ['tenants'] as const,
  health: ['health'] as const,
  tenant: (tenant: string) => ['t', tenant] as const,
  summary: (tenant: string) => ['t', tenant, 'summary'] as const,
}

export const useTenants = () =>
  useQuery({
    queryKey: queryKeys.tenants,
    queryFn: ({ signal }) => ok(api.GET('/api/tenants', { signal })).then((r) => r.items),
    staleTime: 5 * 60_000,
  })

export const useHealth = () =>
  useQuery({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => ok(api.GET('/api/health', { signal })),
    refetchInterval: 60_000,
    retry: false,
  })

export const useSummary = (tenant: string) =>
  useQuery({
    queryKey: queryKeys.summary(tenant),
    queryFn: ({ signal }) => ok(api.GET('/api/t/{tenant}/summary', { params: { path: { tenant } }, signal })),
  })

/** The tenant opened when none is named: the default one, else the first. */
export const defaultTenant = (tenants: TenantInfo[]): TenantInfo | undefined =>
  tenants.find((t) => t.isDefault) ?? tenants[0]

/** Codes compare like the server compares them: ASCII letters case-insensitively (`demo` opens `DEMO`). */
export const findTenant = (tenants: TenantInfo[], code: string | undefined): TenantInfo | undefined =>
  code === undefined ? undefined : tenants.find((t) => t.code.toUpperCase() === code.toUpperCase())
