import type { Actor, Lang } from '@kehu/core'
import type { Deps } from './deps.js'

/**
 * Who asks, for which tenant, in which language: the one argument every use case takes first, so sign-in,
 * roles and data permissions have one place to act.
 */
export interface RequestContext {
  deps: Deps
  actor: Actor
  /** Tenant code (账套编码) the request is about. */
  tenant: string
  lang: Lang
}

/** The context of a request that is about no tenant yet (listing or creating tenants). */
export type ActorContext = Omit<RequestContext, 'tenant'>

/** The same caller, about one tenant. */
export const forTenant = (base: ActorContext, tenant: string): RequestContext => ({ ...base, tenant })
