import { errorCatalog } from '@kehu/core'

export const codeErrors = errorCatalog({
  CODE_RULE_INVALID: { kind: 'invalid', zh: '编码规则的请求有误', en: 'The code rule request is not valid' },
  CODE_RULE_REFUSED: {
    kind: 'invalid',
    zh: '编码规则不能保存（每个原因见 issues）',
    en: 'The code rule cannot be saved (each reason in issues)',
  },
  CODE_RULE_NOT_FOUND: { kind: 'not-found', zh: '编码规则不存在', en: 'No such code rule' },
  CODE_RULE_NO_DEFAULT: { kind: 'not-found', zh: '账套没有默认编码规则', en: 'The tenant has no default code rule' },
  CODE_RULE_IS_DEFAULT: {
    kind: 'conflict',
    zh: '默认编码规则不能删除',
    en: 'The default code rule cannot be deleted',
  },
  CODE_RULE_IN_USE: {
    kind: 'conflict',
    zh: '已发出编码的规则不能删除，可以停用',
    en: 'A rule that issued codes cannot be deleted; disable it instead',
  },
  CODE_RULE_FORMAT: {
    kind: 'invalid',
    zh: '编码规则生成的编码不合编码格式',
    en: 'The code rule makes a code outside the code format',
  },
  CODE_RULES_WOULD_COLLIDE: {
    kind: 'invalid',
    zh: '此改动会让编码规则可能重号，未保存',
    en: 'The change would let code rules give one code twice; not saved',
  },
  CODE_CHECK_INVALID: { kind: 'invalid', zh: '检查编码规则的请求有误', en: 'The rule check request is not valid' },
  CODE_MAP_INVALID: { kind: 'invalid', zh: '对照表的请求有误', en: 'The map table request is not valid' },
  CODE_MAP_REFUSED: {
    kind: 'invalid',
    zh: '对照表不能保存（每个原因见 issues）',
    en: 'The map table cannot be saved (each reason in issues)',
  },
  CODE_MAP_NOT_FOUND: { kind: 'not-found', zh: '对照表不存在', en: 'No such map table' },
  CODE_TAKEN: {
    kind: 'conflict',
    zh: '编码已被使用（含旧编码），suggestion 给出下一个可用编码',
    en: 'The code is taken (old codes included); suggestion names the next free one',
  },
  CODE_REQUIRED: { kind: 'invalid', zh: '此编码规则要求手工输入编码', en: 'The code rule needs a typed code' },
  CODE_MANUAL_NOT_ALLOWED: {
    kind: 'invalid',
    zh: '此编码规则由系统生成编码，不能手工输入',
    en: 'The code rule generates codes and takes no typed code',
  },
  CODE_FORMAT: {
    kind: 'invalid',
    zh: '编码不合编码格式（1–40 个字母、数字或 . _ - /）',
    en: 'The code is outside the code format (1–40 letters, digits or . _ - /)',
  },
  CODE_CHECK_CHARACTER: { kind: 'invalid', zh: '编码的校验位不对', en: "The code's check character is wrong" },
  CODE_OFF_RULE: {
    kind: 'invalid',
    zh: '编码不符合此客户的编码规则',
    en: "The code does not have the rule's shape for this customer",
  },
  CODE_ALLOCATION_EXHAUSTED: {
    kind: 'conflict',
    zh: '连续多个编码都已被占用，请运行 kehu code audit',
    en: 'Many codes in a row are taken; run kehu code audit',
  },
  CODE_CAPACITY_SCOPED: {
    kind: 'forbidden',
    zh: '计数器用量包括您数据权限以外的客户，仅对可见全部客户的成员显示',
    en: 'Counter use includes customers outside your data scope; it is shown only to members who see every customer',
  },
})
