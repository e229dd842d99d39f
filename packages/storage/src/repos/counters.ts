import type { CounterRepo } from '@kehu/core'
import { sql } from 'kysely'
import { counterOf } from '../rows/counter.js'
import { num } from '../rows/values.js'
import { allRows, oneRow, type Q } from './query.js'

/** Serial counters, one per rule and serial scope; `take` is the one statement that hands out a serial. */
export function counters(q: Q): CounterRepo {
  return {
    take: async (tenantId, ruleId, scopeKey, start, step, now) => {
      // next_value is the serial the next take hands out; a new scope starts at `start`.
      const r = await q
        .insertInto('code_counter')
        .values({
          tenant_id: tenantId,
          rule_id: ruleId,
          scope_key: scopeKey,
          next_value: start + step,
          issued: 1,
          retries: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'rule_id', 'scope_key']).doUpdateSet({
            next_value: sql<number>`code_counter.next_value + ${step}`,
            issued: sql<number>`code_counter.issued + 1`,
            updated_at: now,
          }),
        )
        .returning('next_value')
        .executeTakeFirstOrThrow()
      return num(r.next_value) - step
    },
    get: (tenantId, ruleId, scopeKey) =>
      oneRow(q, 'code_counter', { tenant_id: tenantId, rule_id: ruleId, scope_key: scopeKey }, counterOf),
    raisePast: async (tenantId, ruleId, scopeKey, serial, step, now) => {
      await q
        .insertInto('code_counter')
        .values({
          tenant_id: tenantId,
          rule_id: ruleId,
          scope_key: scopeKey,
          next_value: serial + step,
          issued: 0,
          retries: 0,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'rule_id', 'scope_key'])
            .doUpdateSet({ next_value: serial + step, updated_at: now })
            .where('code_counter.next_value', '<=', serial),
        )
        .execute()
    },
    addRetries: async (tenantId, ruleId, scopeKey, n) => {
      await q
        .updateTable('code_counter')
        .set({ retries: sql<number>`retries + ${n}` })
        .where('tenant_id', '=', tenantId)
        .where('rule_id', '=', ruleId)
        .where('scope_key', '=', scopeKey)
        .execute()
    },
    list: (tenantId) => allRows(q, 'code_counter', { tenant_id: tenantId }, ['rule_id', 'scope_key'], counterOf),
    issuedSince: async (tenantId, since) =>
      (
        await q
          .selectFrom('customer_code')
          .select(['rule_id', 'scope_key', sql<number>`count(*)`.as('n')])
          .where('tenant_id', '=', tenantId)
          .where('rule_id', 'is not', null)
          .where('created_at', '>=', since)
          .groupBy(['rule_id', 'scope_key'])
          .execute()
      ).map((r) => ({ ruleId: r.rule_id as string, scopeKey: r.scope_key ?? '', n: num(r.n) })),
  }
}
