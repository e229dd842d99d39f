import type { Tenant } from '@kehu/core'
import type { Deps } from '../deps.js'

export const listTenants = (deps: Deps): Promise<Tenant[]> => deps.store.read((tx) => tx.tenants.list())
