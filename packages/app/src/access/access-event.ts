import type { AccessEvent } from '@kehu/core'
import type { Deps } from '../deps.js'

/** One line of the access log, stamped with the clock and the request id. */
export function accessEvent(
  deps: Deps,
  actor: string,
  action: string,
  about: { login?: string | null; userId?: string | null; address?: string | null; tenantId?: string | null },
  data: Record<string, unknown> = {},
): AccessEvent {
  return {
    id: deps.ids.next(),
    at: deps.clock.now().toISOString(),
    actor,
    action,
    login: about.login ?? null,
    userId: about.userId ?? null,
    address: about.address ?? null,
    tenantId: about.tenantId ?? null,
    data: deps.requestId ? { ...data, requestId: deps.requestId } : data,
  }
}
