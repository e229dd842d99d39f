import {
  assertCan,
  assertNoIssues,
  BUILTIN_SCHEMES,
  type ClassScheme,
  type Issue,
  isAppError,
  issue,
  parseInput,
  parseLevels,
  text,
} from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import type { RequestContext } from '../context.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { findScheme } from './internal/scheme-context.js'
import { type SchemeSummary, schemeSummary } from './list-schemes.js'

export const SCHEME_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,19}$/
export const SCHEME_NAME_MAX = 50

export const CreateSchemeInput = z.object({
  /** A user code such as `VALUE` (letters, digits, `_`; upper-cased). */
  code: z.string().max(100),
  name: z.string().max(200),
  /** `2-3-4` (or U8's `234`); null or omitted for a flat list with free codes. */
  levels: z.string().max(100).nullable().optional(),
  /** 末级: customers may sit only on leaves (default true for a tree, false for a flat list). */
  leafOnly: z.boolean().optional(),
})
export type CreateSchemeInput = z.infer<typeof CreateSchemeInput>

/** Levels from text, with the reasons as issues instead of a throw. */
export function levelsFrom(raw: string | null | undefined, issues: Issue[]): number[] | null | undefined {
  if (raw == null || raw.trim() === '') return null
  try {
    return parseLevels(raw, ['levels'])
  } catch (e) {
    if (isAppError(e)) {
      issues.push(...e.issues)
      return undefined
    }
    throw e
  }
}

export function validateSchemeName(raw: string, issues: Issue[]): string {
  const name = raw.normalize('NFKC').trim()
  if (name === '') issues.push(issue(['name'], 'SCHEME_NAME_REQUIRED', text('名称不能为空', 'A name is required')))
  else if (name.length > SCHEME_NAME_MAX)
    issues.push(
      issue(
        ['name'],
        'SCHEME_NAME_TOO_LONG',
        text(`名称最长 ${SCHEME_NAME_MAX} 字`, `A name has at most ${SCHEME_NAME_MAX} characters`),
      ),
    )
  return name
}

/** Adds a user-defined scheme (价值等级, 规模, 渠道 …): a tree with a level scheme or a flat list. */
export async function createScheme(
  { deps, actor, tenant: tenantCode }: RequestContext,
  raw: CreateSchemeInput,
): Promise<SchemeSummary> {
  assertCan(actor, 'class:edit')
  const input = parseInput(CreateSchemeInput, raw, 'SCHEME_INVALID')
  return deps.store.transaction(async (tx) => {
    const tenant = await resolveTenant(tx, tenantCode)
    const issues: Issue[] = []
    const code = input.code.normalize('NFKC').trim().toUpperCase()
    if (!SCHEME_CODE_PATTERN.test(code))
      issues.push(
        issue(
          ['code'],
          'SCHEME_CODE_INVALID',
          text(
            `分类体系编码须以字母开头，只含字母、数字和 _，最长 20 位：${input.code}`,
            `A scheme code starts with a letter and holds letters, digits and _ (at most 20): ${input.code}`,
          ),
        ),
      )
    else if (
      (BUILTIN_SCHEMES as readonly string[]).includes(code.toLowerCase()) ||
      (await findScheme(tx, tenant.id, code))
    )
      issues.push(
        issue(['code'], 'SCHEME_CODE_TAKEN', text(`分类体系编码已存在：${code}`, `The scheme code ${code} is taken`)),
      )
    const name = validateSchemeName(input.name, issues)
    const levels = levelsFrom(input.levels, issues)
    assertNoIssues(issues, 'SCHEME_INVALID', text('分类体系无法创建', 'The scheme cannot be created'))
    const schemes = await tx.schemes.list(tenant.id)
    const scheme: ClassScheme = {
      id: deps.ids.next(),
      tenantId: tenant.id,
      code,
      name,
      levels: levels ?? null,
      leafOnly: input.leafOnly ?? levels != null,
      builtin: false,
      enabled: true,
      position: Math.max(0, ...schemes.map((s) => s.position)) + 1,
    }
    await tx.schemes.insert(scheme, deps.clock.now().toISOString())
    await tx.audit.append(auditEvent(deps, actor, tenant.id, 'scheme.created', 'scheme', scheme.id, { after: scheme }))
    return schemeSummary(scheme, 0)
  })
}
