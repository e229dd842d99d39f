import { errorCatalog } from '../errors.js'

export const codeErrors = errorCatalog({
  CODE_RULE_SYNTAX: { kind: 'invalid', zh: '编码规则的写法有误', en: 'A code rule has syntax errors' },
  CODE_DATE_INVALID: { kind: 'invalid', zh: '用于编码的日期无效', en: 'The date the code prints is not valid' },
  CODE_SERIAL_INVALID: { kind: 'invalid', zh: '流水号无效', en: 'The serial number is not valid' },
  CODE_SERIAL_OVERFLOW: {
    kind: 'conflict',
    zh: '流水号超出位数，规则规定溢出时拒绝',
    en: 'The serial outgrew its digits and the rule refuses to widen',
  },
  CODE_FIELD_MISSING: {
    kind: 'invalid',
    zh: '客户缺少编码规则要打印的字段',
    en: 'The customer lacks a field the code rule prints',
  },
  CODE_FIELD_LEVEL_MISSING: {
    kind: 'invalid',
    zh: '客户的分类没有编码规则要打印的那一级',
    en: "The customer's class has no ancestor on the level the rule prints",
  },
  CODE_MAP_UNKNOWN: {
    kind: 'invalid',
    zh: '编码规则引用的对照表不存在',
    en: 'The code rule names a map table that does not exist',
  },
  CODE_MAP_MISSING: {
    kind: 'invalid',
    zh: '对照表中没有客户的这个值',
    en: "The map table has no entry for the customer's value",
  },
  CODE_VALUE_EMPTY: { kind: 'invalid', zh: '编码规则要打印的值为空', en: 'A value the code rule prints is empty' },
  CODE_VALUES_INVALID: {
    kind: 'invalid',
    zh: '客户的资料不足以按编码规则生成编码',
    en: "The customer's values do not fit the code rule",
  },
})
