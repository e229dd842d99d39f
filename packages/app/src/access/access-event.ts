import type { AccessAction, AccessEvent, AccessPayload } from '@kehu/core'
import type { Deps } from '../deps.js'

/** Whom and where an access event is about: the login, the user, the client's address, the tenant concerned. */
export interface AccessAbout {
  login?: string | null | undefined
  userId?: string | null | undefined
  address?: string | null | undefined
  tenantId?: string | null | undefined
}

/** One line of the access log, stamped with the clock and the request id; its payload typed by its kind (core's ACCESS_EVENTS). */
export function accessEvent<A extends AccessAction>(
  deps: Deps,
  actor: string,
  action: A,
  about: AccessAbout,
  ...[data]: Record<string, never> extends AccessPayload<A> ? [data?: AccessPayload<A>] : [data: AccessPayload<A>]
): AccessEvent {
  const payload: Record<string, unknown> = { ...(data ?? {}) }
  return {
    id: deps.ids.next(),
    at: deps.clock.now().toISOString(),
    actor,
    action,
    login: about.login ?? null,
    userId: about.userId ?? null,
    address: about.address ?? null,
    tenantId: about.tenantId ?? null,
    data: deps.requestId ? { ...payload, requestId: deps.requestId } : payload,
  }
}
