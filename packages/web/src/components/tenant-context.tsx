import { createContext, use } from 'react'
import type { TenantInfo } from '../api/platform'

export const TenantContext = createContext<TenantInfo | null>(null)

/** The tenant of the current URL (`/t/:tenant/…`); only usable inside a tenant's pages. */
export function useTenant(): TenantInfo {
  const tenant = use(TenantContext)
  if (!tenant) throw new Error('useTenant() is used outside a tenant route')
  return tenant
}
