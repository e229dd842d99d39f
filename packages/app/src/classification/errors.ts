import { errorCatalog } from '@kehu/core'

export const classificationErrors = errorCatalog({
  SCHEME_INVALID: { kind: 'invalid', zh: '分类体系信息有误', en: 'The scheme is not valid' },
  SCHEME_NOT_FOUND: { kind: 'not-found', zh: '分类体系不存在', en: 'No such classification scheme' },
  SCHEME_CHANGE_REFUSED: { kind: 'invalid', zh: '分类体系不能这样修改', en: 'The scheme cannot change this way' },
  CLASS_INVALID: { kind: 'invalid', zh: '分类信息有误', en: 'The class is not valid' },
  CLASS_NODE_INVALID: { kind: 'invalid', zh: '新建分类的请求有误', en: 'The request for a new class is not valid' },
  CLASS_DELETE_INVALID: { kind: 'invalid', zh: '删除分类的请求有误', en: 'The request to delete a class is not valid' },
  CLASS_MOVE_TO_SELF: {
    kind: 'invalid',
    zh: '客户不能移到正要删除的分类本身',
    en: 'Customers cannot be moved to the class being deleted',
  },
  CLASS_HAS_RULES: {
    kind: 'conflict',
    zh: '分类是自动分类规则的目标，请先修改这些规则',
    en: 'Automatic rules target the class; change them first',
  },
  CLASS_IN_DATA_SCOPE: {
    kind: 'conflict',
    zh: '分类是成员数据权限的范围，请先在数据权限中去掉它',
    en: "The class bounds members' data scopes; take it out of them first",
  },
  CLASS_MERGE_INVALID: { kind: 'invalid', zh: '合并分类的请求有误', en: 'The request to merge classes is not valid' },
  CLASS_RULE_INVALID: { kind: 'invalid', zh: '自动分类规则无效', en: 'The automatic classification rule is not valid' },
  CLASS_RULE_NOT_FOUND: { kind: 'not-found', zh: '自动分类规则不存在', en: 'No such automatic classification rule' },
  CLASS_RECLASSIFY_INVALID: {
    kind: 'invalid',
    zh: '重新分类的请求有误',
    en: 'The re-classification request is not valid',
  },
  CLASS_RECLASSIFY_CHANGED: {
    kind: 'conflict',
    zh: '预览后要调整的客户数已变，请重新预览',
    en: 'The customers to move changed since the preview; preview again',
  },
  CLASS_ASSIGN_INVALID: { kind: 'invalid', zh: '批量归类的请求有误', en: 'The batch assignment request is not valid' },
  CLASS_ASSIGN_TARGET: {
    kind: 'invalid',
    zh: '批量归类须选择客户或给出筛选条件，二者选一',
    en: 'A batch assignment takes chosen customers or a filter, one of them',
  },
  CLASS_ASSIGN_CUSTOMERS_MISSING: {
    kind: 'invalid',
    zh: '所选客户中有的不存在',
    en: 'Some of the chosen customers do not exist',
  },
  CLASS_ASSIGN_COUNT_CHANGED: {
    kind: 'conflict',
    zh: '预览后客户数已变，请重新预览',
    en: 'The number of customers changed since the preview; preview again',
  },
  FILTER_INVALID: { kind: 'invalid', zh: '筛选条件无效', en: 'The filter is not valid' },
  CODE_RECODE_INPUT: {
    kind: 'invalid',
    zh: '重新编码须给出新编码，或选择按规则重新生成（二选一）',
    en: 'A re-code takes a new code or a reallocation by the rule, one of them',
  },
  CODE_RECODE_SAME: { kind: 'invalid', zh: '新编码与现编码相同', en: 'The new code equals the current one' },
  CUSTOMER_STALE: {
    kind: 'precondition-failed',
    zh: '客户已被他人修改，请刷新后重试',
    en: 'The customer was changed meanwhile; reload and try again',
  },
  CUSTOMER_CHANGED_MEANWHILE: {
    kind: 'conflict',
    zh: '客户在重新编码的同时被他人修改，请刷新后重试',
    en: 'The customer was changed while being re-coded; reload and try again',
  },
})
