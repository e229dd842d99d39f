import { type ClassNode, type ClassScheme, notFound, type Tenant, type Tx, text } from '@kehu/core'
import { resolveTenant } from '../../tenancy/resolve-tenant.js'

export interface SchemeContext {
  tenant: Tenant
  scheme: ClassScheme
  nodes: ClassNode[]
}

/** The tenant, one scheme by code, and all its nodes: what every tree operation starts from. */
export async function loadScheme(tx: Tx, tenantCode: string, schemeCode: string): Promise<SchemeContext> {
  const tenant = await resolveTenant(tx, tenantCode)
  const scheme = await findScheme(tx, tenant.id, schemeCode)
  if (!scheme)
    throw notFound(
      'SCHEME_NOT_FOUND',
      text(`分类体系 ${schemeCode} 不存在`, `Classification scheme ${schemeCode} does not exist`),
      {
        scheme: schemeCode,
      },
    )
  return { tenant, scheme, nodes: await tx.nodes.listByScheme(tenant.id, scheme.id) }
}

/** A scheme by code: built-in codes are lower case, user codes upper case, so either spelling finds it. */
export async function findScheme(tx: Tx, tenantId: string, code: string): Promise<ClassScheme | undefined> {
  const c = code.normalize('NFKC').trim()
  return (
    (await tx.schemes.byCode(tenantId, c)) ??
    (await tx.schemes.byCode(tenantId, c.toLowerCase())) ??
    (await tx.schemes.byCode(tenantId, c.toUpperCase()))
  )
}
