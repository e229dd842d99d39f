import type { MembershipRepo } from '@kehu/core'
import { membershipOf, roleOf } from '../rows/identity.js'
import type { Q } from './query.js'

/** Which roles a user has in which tenant. */
export function memberships(q: Q): MembershipRepo {
  return {
    forUser: async (userId) =>
      (await q.selectFrom('membership').selectAll().where('user_id', '=', userId).orderBy('created_at').execute()).map(
        membershipOf,
      ),
    rolesOf: async (tenantId, userId) =>
      (
        await q
          .selectFrom('membership as m')
          .innerJoin('role as r', (j) => j.onRef('r.tenant_id', '=', 'm.tenant_id').onRef('r.code', '=', 'm.role_code'))
          .selectAll('r')
          .where('m.tenant_id', '=', tenantId)
          .where('m.user_id', '=', userId)
          .orderBy('r.code')
          .execute()
      ).map(roleOf),
    add: async (m) => {
      await q
        .insertInto('membership')
        .values({ tenant_id: m.tenantId, user_id: m.userId, role_code: m.roleCode, created_at: m.createdAt })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'role_code']).doNothing())
        .execute()
    },
    countHolders: async (tenantId, roleCode) => {
      const row = await q
        .selectFrom('membership')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('role_code', '=', roleCode)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    remove: async (tenantId, userId, roleCode) => {
      await q
        .deleteFrom('membership')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('role_code', '=', roleCode)
        .execute()
    },
  }
}
