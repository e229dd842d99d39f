import { errorCatalog } from '../errors.js'

export const attributeErrors = errorCatalog({
  ATTR_DEF_INVALID: { kind: 'invalid', zh: '维度属性的定义有误', en: 'An attribute definition is not sound' },
  ATTR_CODE_IMMUTABLE: {
    kind: 'conflict',
    zh: '已有客户使用的维度属性编码不能修改',
    en: 'An attribute code customers use cannot change',
  },
})
