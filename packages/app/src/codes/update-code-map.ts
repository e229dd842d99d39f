import { assertCan, type CodeMapRecord, notFound, parseInput, text } from '@kehu/core'
import { auditEvent, diff } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { assertMapAccepted, CodeMapInput, mapRecordOf, validateCodeMap } from './code-map-input.js'
import { loadCodeContext } from './internal/rule-context.js'

/**
 * Replaces a map table's entries (and name), after re-checking every active rule that uses it:
 * a change that would let a rule print one code for two customers, or collide with another rule, is refused.
 */
export async function updateCodeMap(
  { deps, actor, tenant: tenantCode }: RequestContext,
  name: string,
  raw: CodeMapInput,
): Promise<CodeMapRecord> {
  assertCan(actor, 'code-rule:edit')
  const parsed = parseInput(CodeMapInput, raw, 'CODE_MAP_INVALID')
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const before = await tx.codeMaps.byName(tenant.id, name)
    if (!before)
      throw notFound('CODE_MAP_NOT_FOUND', text(`对照表“${name}”不存在`, `There is no map table "${name}"`), {
        map: name,
      })
    const ctx = await loadCodeContext(tx, tenant)
    assertMapAccepted(validateCodeMap(ctx, parsed, before.id), parsed.name)
    const map = mapRecordOf(before, parsed, deps.clock.now().toISOString())
    await tx.codeMaps.update(map)
    await tx.audit.append(
      auditEvent(deps, actor, tenant.id, 'codeMap.updated', 'codeMap', map.id, {
        changes: diff(before, map, ['updatedAt']),
      }),
    )
    return map
  })
}
