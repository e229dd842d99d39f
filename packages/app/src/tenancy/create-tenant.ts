import {
  assertCan,
  assertNoIssues,
  BUILT_IN_ROLE_CODES,
  BUILT_IN_ROLES,
  type ClassScheme,
  conflict,
  type Issue,
  issue,
  parseInput,
  type Tenant,
  text,
} from '@kehu/core'
import { z } from 'zod'
import { auditEvent } from '../audit/audit-event.js'
import type { ActorContext } from '../context.js'

export const CreateTenantInput = z.object({
  code: z.string().max(100),
  name: z.string().max(200),
  timeZone: z.string().max(64).optional(),
  isDefault: z.boolean().optional(),
})
export type CreateTenantInput = z.infer<typeof CreateTenantInput>

/**
 * The schemes every tenant starts with (docs/decisions/0014-design-brief.md, B): 客户类型 flat, the others coded by level
 * schemes.
 */
export const BUILTIN_SCHEME_DEFS: Pick<ClassScheme, 'code' | 'name' | 'levels' | 'leafOnly'>[] = [
  { code: 'type', name: '客户类型', levels: null, leafOnly: false },
  { code: 'class', name: '客户分类', levels: [2, 3, 4], leafOnly: true },
  { code: 'region', name: '地区分类', levels: [2, 2], leafOnly: true },
  { code: 'industry', name: '行业', levels: [2, 2], leafOnly: true },
]

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** Creates a tenant with the built-in schemes and the default rule `{serial:5}`. */
export async function createTenant({ deps, actor }: ActorContext, raw: CreateTenantInput): Promise<Tenant> {
  assertCan(actor, 'tenant:admin')
  const input = parseInput(CreateTenantInput, raw, 'TENANT_INVALID')
  const code = input.code.trim()
  const name = input.name.trim()
  const timeZone = input.timeZone?.trim() || 'Asia/Shanghai'
  const issues: Issue[] = []
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/.test(code))
    issues.push(
      issue(
        ['code'],
        'TENANT_CODE_FORMAT',
        text(
          '账套编码须为 1–32 位字母、数字、_ 或 -，以字母或数字开头',
          'A tenant code is 1–32 letters, digits, _ or -, starting with a letter or digit',
        ),
      ),
    )
  if (name.length === 0 || name.length > 100)
    issues.push(
      issue(['name'], 'TENANT_NAME_LENGTH', text('账套名称须为 1–100 个字符', 'A tenant name has 1–100 characters')),
    )
  if (!isTimeZone(timeZone))
    issues.push(
      issue(['timeZone'], 'TENANT_TIME_ZONE', text(`未知的时区：${timeZone}`, `Unknown time zone: ${timeZone}`)),
    )
  assertNoIssues(issues, 'TENANT_INVALID', text('账套信息有误', 'The tenant is not valid'))

  return deps.store.transaction(async (tx) => {
    if (await tx.tenants.byCode(code))
      throw conflict('TENANT_EXISTS', text(`账套 ${code} 已存在`, `Tenant ${code} already exists`))
    const now = deps.clock.now().toISOString()
    const first = (await tx.tenants.list()).length === 0
    const tenant: Tenant = { id: deps.ids.next(), code, name, timeZone, isDefault: false, createdAt: now }
    await tx.tenants.insert(tenant)
    if (input.isDefault || first) {
      await tx.tenants.setDefault(tenant.id)
      tenant.isDefault = true
    }
    let position = 0
    for (const def of BUILTIN_SCHEME_DEFS) {
      await tx.schemes.insert(
        { ...def, id: deps.ids.next(), tenantId: tenant.id, builtin: true, enabled: true, position: position++ },
        now,
      )
    }
    // Built-in roles take their permissions from the code (BUILT_IN_ROLES), so none are stored.
    for (const code of BUILT_IN_ROLE_CODES)
      await tx.roles.insert({
        tenantId: tenant.id,
        code,
        name: BUILT_IN_ROLES[code].name,
        permissions: [],
        builtIn: true,
        createdAt: now,
      })
    const ruleId = deps.ids.next()
    await tx.codeRules.insert({
      id: ruleId,
      tenantId: tenant.id,
      name: '默认规则',
      pattern: '{serial:5}',
      mode: 'auto',
      onClash: 'next',
      legacyCodes: false,
      condition: null,
      position: 0,
      isDefault: true,
      enabled: true,
      createdAt: now,
      updatedAt: now,
    })
    await tx.audit.append(auditEvent(deps, actor, tenant.id, 'tenant.created', 'tenant', tenant.id, { after: tenant }))
    return tenant
  })
}
