import { invalid, type Text, text } from '@kehu/core'

export const notATable = (what: Text) =>
  invalid(
    'FILE_NOT_A_TABLE',
    text(
      `这不是表格文件：看起来是${what.zh}。请上传 CSV 或 XLSX 文件`,
      `This is not a table: it looks like ${what.en}. Upload a CSV or XLSX file`,
    ),
  )
