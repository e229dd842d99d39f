import type { CodeRuleRepo } from '@kehu/core'
import { codeRuleOf, codeRuleRow } from '../rows/code-rule.js'
import { allRows, deleteRow, oneRow, type Q, updateRow } from './query.js'

/** Code rules, in the order conditional rules are tried (position, then name). */
export function codeRules(q: Q): CodeRuleRepo {
  return {
    list: (tenantId) => allRows(q, 'code_rule', { tenant_id: tenantId }, ['position', 'name'], codeRuleOf),
    byId: (tenantId, id) => oneRow(q, 'code_rule', { tenant_id: tenantId, id }, codeRuleOf),
    byName: (tenantId, name) => oneRow(q, 'code_rule', { tenant_id: tenantId, name }, codeRuleOf),
    insert: async (r) => {
      await q.insertInto('code_rule').values(codeRuleRow(r)).execute()
    },
    update: (r) => updateRow(q, 'code_rule', codeRuleRow(r)),
    delete: async (tenantId, id) => {
      await q.deleteFrom('code_counter').where('tenant_id', '=', tenantId).where('rule_id', '=', id).execute()
      await deleteRow(q, 'code_rule', tenantId, id)
    },
  }
}
