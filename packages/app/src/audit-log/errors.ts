import { errorCatalog } from '@kehu/core'

export const auditLogErrors = errorCatalog({
  AUDIT_SEARCH_INVALID: { kind: 'invalid', zh: '审计日志的查询条件有误', en: 'The audit log search is not valid' },
  AUDIT_ACTION_UNKNOWN: { kind: 'invalid', zh: '没有这种操作', en: 'There is no such action' },
  AUDIT_CURSOR_INVALID: {
    kind: 'invalid',
    zh: '翻页位置无效，请从第一页重新查询',
    en: 'The page position is not valid: search again from the first page',
  },
})
