import { errorCatalog } from '@kehu/core'

/** The import's own row problems (reported per row in its result), and its refusals. */
export const transferErrors = errorCatalog({
  IMPORT_INVALID: { kind: 'invalid', zh: '导入参数或映射有误', en: 'The import options or the mapping are not valid' },
  IMPORT_NO_ERROR_FILE: { kind: 'not-found', zh: '这个任务没有导入错误文件', en: 'The job has no import error file' },
  IMPORT_MAPPING_NOT_FOUND: { kind: 'not-found', zh: '没有这个名称的导入映射', en: 'No import mapping has this name' },
  IMPORT_KEY_MISSING: { kind: 'invalid', zh: '按关键字更新的行缺少关键字', en: 'A row updated by a key has no key' },
  IMPORT_KEY_AMBIGUOUS: {
    kind: 'invalid',
    zh: '档案中有多个客户与该行的关键字相同',
    en: "Several customers have the row's key",
  },
  IMPORT_CUSTOMER_NOT_FOUND: {
    kind: 'invalid',
    zh: '更新模式下没有与该行关键字对应的客户',
    en: "In update mode no customer has the row's key",
  },
  IMPORT_DUPLICATE_IN_ARCHIVE: {
    kind: 'invalid',
    zh: '档案中已有同名客户',
    en: 'A customer of that name is already in the archive',
  },
  IMPORT_DUPLICATE_IN_FILE: {
    kind: 'invalid',
    zh: '文件中前面的行已有相同的编码、信用代码或名称',
    en: 'An earlier row of the file has the same code, USCC or name',
  },
})
