import { errorCatalog } from '@kehu/core'

/** The file readers' and writers' error codes: what is wrong with a file a user brought. */
export const FILES_ERRORS = errorCatalog({
  FILE_EMPTY: { kind: 'invalid', zh: '文件是空的', en: 'The file is empty' },
  FILE_HEADER_ONLY: { kind: 'invalid', zh: '文件只有表头，没有数据行', en: 'The file has a header but no data rows' },
  FILE_NOT_A_TABLE: {
    kind: 'invalid',
    zh: '文件不是 CSV 或 XLSX 表格（按内容判断，不看扩展名）',
    en: 'The file is not a CSV or XLSX table (judged by its content, not its name)',
  },
  FILE_ENCODING: {
    kind: 'invalid',
    zh: '文件的字符编码无法识别或前后不一致',
    en: "The file's text encoding cannot be read or changes within the file",
  },
  FILE_ROW_TOO_LONG: {
    kind: 'invalid',
    zh: '某行的单元格比表头多',
    en: 'A row has more cells than the header',
  },
  FILE_CSV_MALFORMED: {
    kind: 'invalid',
    zh: 'CSV 格式有误（如引号未闭合）',
    en: 'The CSV is malformed (e.g. a quote is not closed)',
  },
  FILE_XLSX_DAMAGED: {
    kind: 'invalid',
    zh: 'XLSX 文件已损坏，无法读取',
    en: 'The XLSX file is damaged and cannot be read',
  },
  FILE_SHEET_NOT_FOUND: { kind: 'invalid', zh: '工作簿中没有该工作表', en: 'The workbook has no sheet of that name' },
  FILE_CELL_TOO_LARGE: {
    kind: 'too-large',
    zh: '单元格内容超过上限',
    en: 'A cell holds more text than the limit',
  },
  FILE_ZIP_BOMB: {
    kind: 'too-large',
    zh: 'XLSX 解压后过大或压缩比异常，已拒绝',
    en: 'The XLSX would unpack to too much data or is compressed suspiciously; refused',
  },
})

declare module '@kehu/core' {
  interface ErrorCatalogs {
    files: typeof FILES_ERRORS
  }
}
