import { errorCatalog } from '../errors.js'

/** Problems of one imported row, reported in the import's result (never thrown alone). */
export const importRowErrors = errorCatalog({
  IMPORT_CLASS_AMBIGUOUS: {
    kind: 'invalid',
    zh: '导入行的分类名称对应多个分类，请写编码或完整路径',
    en: "An imported row's class name fits several classes; give the code or the full path",
  },
  IMPORT_STATUS_UNKNOWN: {
    kind: 'invalid',
    zh: '导入行的状态应为正常或停用',
    en: 'An imported status must be active or disabled',
  },
  IMPORT_DATE_INVALID: { kind: 'invalid', zh: '导入行的日期无法识别', en: 'An imported date cannot be read' },
})
