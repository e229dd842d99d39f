import { useQuery } from '@tanstack/react-query'
import { useTenant } from '../components/tenant-context'
import { api, ok } from './client'
import type { components } from './schema'

/** `GET /api/t/{tenant}/me`: what the signed-in user may do in one tenant. */
export type Me = components['schemas']['Me']
export type Permission = Me['permissions'][number]

export const meKey = (tenant: string) => ['t', tenant, 'me'] as const

export const useMe = (tenant: string) =>
  useQuery({
    queryKey: meKey(tenant),
    queryFn: ({ signal }) => ok(api.GET('/api/t/{tenant}/me', { params: { path: { tenant } }, signal })),
    staleTime: 5 * 60_000,
  })

/**
 * Whether the user holds a permission in the current tenant. The tenant's pages open only once the answer
 * is in (TenantGate), so a button never shows and then vanishes.
 */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe(useTenant().code).data
  return (permission) => me?.permissions.includes(permission) ?? false
}
