import { errorCatalog } from '@kehu/core'

export const tenancyErrors = errorCatalog({
  TENANT_INVALID: { kind: 'invalid', zh: '账套信息有误', en: 'The tenant is not valid' },
  TENANT_EXISTS: { kind: 'conflict', zh: '账套已存在', en: 'The tenant exists already' },
  TENANT_NOT_FOUND: { kind: 'not-found', zh: '账套不存在', en: 'No such tenant' },
  TENANT_REQUIRED: {
    kind: 'invalid',
    zh: '须指定账套（没有账套，或有多个且未设默认）',
    en: 'Name the tenant (there is none, or several and no default)',
  },
})
