import { type Actor, AppError, type Tx, text, visibilityOf } from '@kehu/core'

/**
 * Refuses a write that would leave a customer outside the caller's data scopes (a create on a class they
 * may not see, a move out of their subtree, another account manager under `own`): the transaction rolls
 * back, a taken code number included. Checked by reading the customer again through the caller's
 * visibility, so the rule is the very SQL that hides customers (docs/decisions/0027-data-scopes.md).
 */
export async function assertStaysVisible(tx: Tx, tenantId: string, actor: Actor, customerIds: readonly string[]) {
  const visible = visibilityOf(actor)
  if (visible.kind === 'all') return
  for (const id of customerIds)
    if (!(await tx.customers.byId(tenantId, visible, id)))
      throw new AppError(
        'forbidden',
        'CUSTOMER_OUTSIDE_DATA_SCOPE',
        text(
          '客户将落在您的数据权限之外：请选择您可见的分类、地区，或由您负责的客户',
          'The customer would fall outside your data scope: choose a class or region you may see, or keep yourself its account manager',
        ),
      )
}
