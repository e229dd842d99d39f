import { errorCatalog } from '@kehu/core'

export const attributeErrors = errorCatalog({
  DIMENSION_INVALID: { kind: 'invalid', zh: '管理维度的信息有误', en: 'The dimension is not valid' },
  DIMENSION_NOT_FOUND: { kind: 'not-found', zh: '管理维度不存在', en: 'No such dimension' },
  DIMENSION_CODE_TAKEN: { kind: 'conflict', zh: '管理维度编码已存在', en: 'The dimension code is taken' },
  DIMENSION_IN_USE: {
    kind: 'conflict',
    zh: '管理维度的属性仍有客户填写，不能删除',
    en: 'Customers hold values of the dimension; it cannot be deleted',
  },
  ATTR_NOT_FOUND: { kind: 'not-found', zh: '维度属性不存在', en: 'No such attribute' },
  ATTR_CODE_TAKEN: { kind: 'conflict', zh: '维度属性编码已被使用', en: 'The attribute code is taken' },
  ATTR_IN_USE: {
    kind: 'conflict',
    zh: '维度属性仍有客户填写，不能删除（可强制删除并清除这些值）',
    en: 'Customers hold values of the attribute; it cannot be deleted unless forced',
  },
  ATTR_REFERENCED: {
    kind: 'conflict',
    zh: '维度属性仍被规则引用，不能删除',
    en: 'Rules still name the attribute; it cannot be deleted',
  },
  ATTR_PRINTED_BY_RULE: {
    kind: 'conflict',
    zh: '编码规则打印此属性，其编码不能改',
    en: 'A code rule prints the attribute; its code cannot change',
  },
  ATTR_NOT_UNIQUE: {
    kind: 'conflict',
    zh: '取值已有重复，维度属性不能设为唯一（或值已被他人使用）',
    en: 'Values repeat, so the attribute cannot be unique (or the value is held by another customer)',
  },
  ATTR_CHANGE_CONFLICTS: {
    kind: 'conflict',
    zh: '已有客户的取值不符合新定义，未做修改',
    en: 'Customers hold values the new definition refuses; nothing was changed',
  },
  ATTR_FILL_INVALID: { kind: 'invalid', zh: '补填的值有误', en: 'The value to fill in is not valid' },
  CUSTOMER_FORM_INVALID: {
    kind: 'invalid',
    zh: '客户表单所依据的分类有误',
    en: 'The classes the customer form is for are not valid',
  },
})
