import { errorCatalog } from '@kehu/core'

/** The command line's own error codes: its options, files and standard input. */
export const CLI_ERRORS = errorCatalog({
  CLI_IMPORT_ROWS_BAD: { kind: 'invalid', zh: '导入的文件中有行有误', en: 'Rows of the imported file were bad' },
  CLI_OPTIONS_INVALID: { kind: 'invalid', zh: '命令的选项有误', en: "The command's options are not valid" },
  CLI_PAIR_INVALID: { kind: 'invalid', zh: '选项应写成 名称=值', en: 'The option takes NAME=VALUE' },
  CLI_FIELD_UNKNOWN: { kind: 'invalid', zh: '没有这个客户字段', en: 'No such customer field' },
  CLI_FILE_UNREADABLE: { kind: 'invalid', zh: '无法读取文件', en: 'The file cannot be read' },
  CLI_JSON_INVALID: { kind: 'invalid', zh: '不是有效的 JSON', en: 'Not valid JSON' },
  CLI_TEXT_INVALID: { kind: 'invalid', zh: '含有无效的文本', en: 'Holds text that is not valid' },
  CLI_NAME_REQUIRED: {
    kind: 'invalid',
    zh: '请给出客户名称：--name 或 --json-file',
    en: 'Give the customer name: --name or --json-file',
  },
  CLI_CONFIRM_REQUIRED: { kind: 'invalid', zh: '彻底删除须加 --yes 确认', en: 'Deleting for good needs --yes' },
  CLI_NOTHING_TO_CHANGE: { kind: 'invalid', zh: '没有要修改的字段', en: 'Nothing to change' },
  CLI_PREVIEW_ARGS: { kind: 'invalid', zh: '请给出 PATTERN 或 --rule 之一', en: 'Give either PATTERN or --rule' },
  CLI_PASSWORD_MISSING: {
    kind: 'invalid',
    zh: '--password-stdin：标准输入中没有密码',
    en: '--password-stdin: there is no password on standard input',
  },
  CLI_GRANT_EMPTY: {
    kind: 'invalid',
    zh: '请给出 --role 或数据权限（--class、--region、--node、--own）',
    en: 'Give --role or data scopes (--class, --region, --node, --own)',
  },
  CLI_NODE_SCOPE: { kind: 'invalid', zh: '--node 须写成 分类体系:编码', en: '--node takes scheme:code' },
  CLI_SCOPE_NODE_NOT_FOUND: {
    kind: 'not-found',
    zh: '数据权限所指的分类不存在',
    en: 'The class a data scope names does not exist',
  },
  CLI_AS_UNKNOWN: { kind: 'invalid', zh: '--as：没有这个启用的用户', en: '--as: no such enabled user' },
  DEMO_CUSTOMERS_INVALID: {
    kind: 'invalid',
    zh: '客户数量应为不小于 0 的整数',
    en: 'The number of customers must be a whole number of at least 0',
  },
  CONFIG_PORT: { kind: 'invalid', zh: '端口无效', en: 'The port is not valid' },
  CONFIG_READ_WORKERS: {
    kind: 'invalid',
    zh: '后台查询线程数应为不小于 0 的整数',
    en: 'The number of read threads must be a whole number of at least 0',
  },
  CONFIG_REQUEST_TIMEOUT: {
    kind: 'invalid',
    zh: '请求时限应为大于 0 的秒数',
    en: 'The request time budget must be a number of seconds above 0',
  },
  CONFIG_MAX_UPLOAD: {
    kind: 'invalid',
    zh: '上传文件大小上限应为大于 0 的兆字节数',
    en: 'The upload size limit must be a number of megabytes above 0',
  },
})

declare module '@kehu/core' {
  interface ErrorCatalogs {
    cli: typeof CLI_ERRORS
  }
}
