import { errorCatalog } from '../errors.js'

export const accessErrors = errorCatalog({
  ACCESS_DENIED: { kind: 'forbidden', zh: '没有执行此操作的权限', en: 'The caller lacks the permission this needs' },
})
