import type { CodeCounter } from '@kehu/core'
import type { Selectable } from 'kysely'
import type { CodeCounterTable } from '../schema.js'
import { num } from './values.js'

export const counterOf = (r: Selectable<CodeCounterTable>): CodeCounter => ({
  tenantId: r.tenant_id,
  ruleId: r.rule_id,
  scopeKey: r.scope_key,
  nextValue: num(r.next_value),
  issued: num(r.issued),
  retries: num(r.retries),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})
