import { errorCatalog } from '@kehu/core'

export const customerErrors = errorCatalog({
  CUSTOMER_INVALID: {
    kind: 'invalid',
    zh: '客户信息有误（每个字段的问题见 issues）',
    en: 'The customer is not valid (each field in issues)',
  },
  CUSTOMER_NOT_FOUND: {
    kind: 'not-found',
    zh: '客户不存在（或对你不可见）',
    en: 'No such customer (or not visible to you)',
  },
  CUSTOMER_VERSION_STALE: {
    kind: 'precondition-failed',
    zh: '客户已被他人修改，当前版本见 ETag',
    en: 'Someone changed the customer; the current version is in the ETag',
  },
  CUSTOMER_ARCHIVED: { kind: 'conflict', zh: '客户已归档，请先恢复', en: 'The customer is archived; restore it first' },
  CUSTOMER_USCC_TAKEN: {
    kind: 'conflict',
    zh: '统一社会信用代码已在档案中',
    en: 'The USCC is already in the archive',
  },
  CUSTOMER_REFERENCED: {
    kind: 'conflict',
    zh: '客户仍被引用，不能删除，可以归档',
    en: 'The customer is still referenced and cannot be deleted; archive it instead',
  },
  CUSTOMER_DELETE_ADMIN_ONLY: {
    kind: 'forbidden',
    zh: '只有管理员可以彻底删除客户',
    en: 'Only an administrator may delete a customer for good',
  },
  CUSTOMER_SENSITIVE_FIELD: {
    kind: 'forbidden',
    zh: '修改敏感字段需要查看它的权限（customer:sensitive）',
    en: 'Changing a sensitive field needs the permission to see it (customer:sensitive)',
  },
  CUSTOMER_FILTER_INVALID: { kind: 'invalid', zh: '客户筛选条件有误', en: 'The customer filter is not valid' },
  IDEMPOTENCY_KEY_REUSED: {
    kind: 'unprocessable',
    zh: '同一个幂等键已用于另一份请求内容',
    en: 'The idempotency key was used with another request body',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    kind: 'conflict',
    zh: '同一个幂等键的请求仍在处理中',
    en: 'A request with the idempotency key is still running',
  },
  IDEMPOTENCY_STALE: {
    kind: 'conflict',
    zh: '幂等键对应的客户已不存在',
    en: 'The customer of the idempotency key no longer exists',
  },
  CODE_PREVIEW_INVALID: { kind: 'invalid', zh: '编码预览的请求有误', en: 'The code preview request is not valid' },
  CODE_PREVIEW_SAMPLE: {
    kind: 'invalid',
    zh: '示例客户的分类在本账套中找不到',
    en: "The sample's classes are not in this tenant",
  },
  CODE_PREVIEW_NEEDS_TENANT: {
    kind: 'invalid',
    zh: '按已存规则预览需要数据库和账套',
    en: 'A preview by a stored rule needs the database and a tenant',
  },
})
