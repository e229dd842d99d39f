import type { ClassRuleRepo } from '@kehu/core'
import { classRuleOf, classRuleRow } from '../rows/class-rule.js'
import { allRows, deleteRow, oneRow, type Q, updateRow } from './query.js'

/** Automatic classification rules (class_rule), ordered by position then name within a scheme. */
export function classRules(q: Q): ClassRuleRepo {
  return {
    list: (tenantId, schemeId) =>
      allRows(q, 'class_rule', { tenant_id: tenantId, scheme_id: schemeId }, ['position', 'name'], classRuleOf),
    byId: (tenantId, id) => oneRow(q, 'class_rule', { tenant_id: tenantId, id }, classRuleOf),
    insert: async (r) => {
      await q.insertInto('class_rule').values(classRuleRow(r)).execute()
    },
    update: (r) => updateRow(q, 'class_rule', classRuleRow(r)),
    delete: (tenantId, id) => deleteRow(q, 'class_rule', tenantId, id),
  }
}
