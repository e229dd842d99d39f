import { AppError, notFound, type Tenant, type Tx, text } from '@kehu/core'

/** The tenant with this code, or a not-found error naming it. */
export async function resolveTenant(tx: Tx, code: string): Promise<Tenant> {
  const t = await tx.tenants.byCode(code)
  if (!t) throw tenantNotFound(code)
  return t
}

/** The answer about a missing tenant, and about one the caller has no role in: the two must not differ. */
export const tenantNotFound = (code: string) =>
  notFound('TENANT_NOT_FOUND', text(`账套 ${code} 不存在`, `Tenant ${code} does not exist`), { tenant: code })

/** The tenant the CLI acts on without --tenant: the only one, or the one marked default. */
export async function defaultTenant(tx: Tx): Promise<Tenant> {
  const all = await tx.tenants.list()
  if (all.length === 1) return all[0] as Tenant
  const d = all.find((t) => t.isDefault)
  if (d) return d
  throw new AppError(
    'invalid',
    'TENANT_REQUIRED',
    all.length === 0
      ? text(
          '还没有账套：先运行 kehu tenant create 或 kehu demo',
          'There is no tenant yet: run kehu tenant create or kehu demo first',
        )
      : text(
          '有多个账套且未设默认：请用 --tenant 指定',
          'There are several tenants and none is the default: choose one with --tenant',
        ),
  )
}
