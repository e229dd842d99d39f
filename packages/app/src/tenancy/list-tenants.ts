import { assertCan, type Tenant } from '@kehu/core'
import type { ActorContext } from '../context.js'

/** Every tenant (账套) this installation holds. */
export async function listTenants({ deps, actor }: ActorContext): Promise<Tenant[]> {
  assertCan(actor, 'tenant:read')
  return deps.store.read((tx) => tx.tenants.list())
}
