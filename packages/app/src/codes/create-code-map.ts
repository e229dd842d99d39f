import { assertCan, type CodeMapRecord, parseInput } from '@kehu/core'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { assertMapAccepted, CodeMapInput, mapRecordOf, validateCodeMap } from './code-map-input.js'
import { loadCodeContext } from './internal/rule-context.js'

/** Saves a new map table (对照表 value → short code). */
export async function createCodeMap(
  { deps, actor, tenant: tenantCode }: RequestContext,
  raw: CodeMapInput,
): Promise<CodeMapRecord> {
  assertCan(actor, 'code-rule:edit')
  const parsed = parseInput(CodeMapInput, raw, 'CODE_MAP_INVALID')
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const ctx = await loadCodeContext(tx, tenant)
    assertMapAccepted(validateCodeMap(ctx, parsed, undefined), parsed.name)
    const now = deps.clock.now().toISOString()
    const map = mapRecordOf({ id: deps.ids.next(), tenantId: tenant.id, createdAt: now }, parsed, now)
    await tx.codeMaps.insert(map)
    await tx.audit.append(auditEvent(deps, actor, tenant.id, 'codeMap.created', 'codeMap', map.id, { after: map }))
    return map
  })
}
