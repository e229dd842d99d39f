import { AppError, type Customer, normalizeCode, notFound, type Tx, text, type Visibility } from '@kehu/core'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The customer with this id, live code or old code (alias), among those `visible`; throws not-found `CUSTOMER_NOT_FOUND`. */
export async function loadCustomer(
  tx: Tx,
  tenantId: string,
  visible: Visibility,
  idOrCode: string,
): Promise<{ customer: Customer; matchedAlias?: string }> {
  const raw = idOrCode.trim()
  if (UUID.test(raw)) {
    const byId = await tx.customers.byId(tenantId, visible, raw.toLowerCase())
    if (byId) return { customer: byId }
  }
  const code = normalizeCode(raw)
  const entry = code === '' ? undefined : await tx.codes.find(tenantId, code)
  const customer = entry && (await tx.customers.byId(tenantId, visible, entry.customerId))
  if (!entry || !customer)
    throw notFound(
      'CUSTOMER_NOT_FOUND',
      text(`客户 ${idOrCode} 不存在（按编码、旧编码或编号查找）`, `No customer has the code or id ${idOrCode}`),
      { idOrCode },
    )
  return entry.kind === 'alias' ? { customer, matchedAlias: entry.code } : { customer }
}

/** Refuses a write based on a version the caller saw that is no longer the stored one. */
export function assertVersion(customer: Customer, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || expectedVersion === customer.version) return
  throw staleVersion(customer.version, expectedVersion)
}

/** `precondition-failed` with both versions; the API sends the current version as the ETag. */
export function staleVersion(currentVersion: number, expectedVersion: number): AppError {
  return new AppError(
    'precondition-failed',
    'CUSTOMER_VERSION_STALE',
    text(
      `客户已被他人修改（当前版本 ${currentVersion}，您编辑的是版本 ${expectedVersion}），请重新加载后再改`,
      `Someone changed this customer (now version ${currentVersion}, you edited version ${expectedVersion}); reload and try again`,
    ),
    { details: { currentVersion, expectedVersion }, version: currentVersion },
  )
}
