import { APP_ERRORS } from '@kehu/app'
import { CORE_ERRORS, errorCatalog, mergeCatalogs } from '@kehu/core'
import { FILES_ERRORS } from '@kehu/files'
import { STORAGE_ERRORS } from '@kehu/storage'

/** The HTTP edge's error codes: the request guard, sign-in on the wire, start-up. */
export const SERVER_ERRORS = errorCatalog({
  REQUEST_INVALID: {
    kind: 'invalid',
    zh: '请求内容不符合接口的要求（每个字段的问题见 issues）',
    en: "The request does not match the endpoint's schema (each field in issues)",
  },
  REQUEST_BODY_MALFORMED: {
    kind: 'invalid',
    zh: '缺少请求内容，或它不是有效的 JSON',
    en: 'The request body is missing or is not valid JSON',
  },
  REQUEST_BODY_INCOMPLETE: { kind: 'invalid', zh: '请求内容没有传完', en: 'The request body was cut off' },
  REQUEST_CONTENT_TYPE: {
    kind: 'invalid',
    status: 415,
    zh: '请求内容须为 JSON',
    en: 'The request body must be JSON',
  },
  REQUEST_TEXT_INVALID: {
    kind: 'invalid',
    zh: '请求内容含有无效的文本（NUL 或孤立的代理字符）',
    en: 'The request body holds text that is not valid (NUL or lone surrogates)',
  },
  REQUEST_URL_INVALID: {
    kind: 'invalid',
    zh: '网址含有无效的字符',
    en: 'The URL holds characters that are not valid text',
  },
  REQUEST_URL_TOO_LONG: { kind: 'too-large', status: 431, zh: '网址过长', en: 'The URL is too long' },
  REQUEST_TOO_LARGE: { kind: 'too-large', zh: '请求内容超过 2 MB', en: 'The request body is over 2 MB' },
  REQUEST_HEADERS_TOO_LARGE: {
    kind: 'too-large',
    status: 431,
    zh: '请求头或网址过长（合计最多 16 KB）',
    en: 'The request headers or URL are too long (16 KB in all)',
  },
  REQUEST_UNPARSABLE: { kind: 'invalid', zh: '无法解析的 HTTP 请求', en: 'The HTTP request cannot be parsed' },
  REQUEST_HOST_NOT_ALLOWED: {
    kind: 'forbidden',
    status: 421,
    zh: 'Host 不是服务器应答的主机名',
    en: 'The Host is not one the server answers for',
  },
  REQUEST_CROSS_ORIGIN: {
    kind: 'forbidden',
    zh: '拒绝来自其他网站的修改请求',
    en: 'A change requested from another site is refused',
  },
  REQUEST_HEADER_REQUIRED: {
    kind: 'forbidden',
    zh: '没有请求内容的修改须带 X-Kehu-Request: 1',
    en: 'A change without a body must carry X-Kehu-Request: 1',
  },
  REQUEST_ORIGIN_REQUIRED: {
    kind: 'forbidden',
    zh: '已登录的修改请求须带 Origin 头',
    en: 'A signed-in change must carry an Origin header',
  },
  REQUEST_TIMEOUT: {
    kind: 'unavailable',
    zh: '请求超出时限，已停止',
    en: 'The request ran past its time budget and was stopped',
  },
  READ_WORKER_STOPPED: { kind: 'unavailable', zh: '查询线程已停止，请重试', en: 'The query worker stopped; try again' },
  ROUTE_NOT_FOUND: { kind: 'not-found', zh: '没有这个接口', en: 'No such endpoint' },
  TOKEN_INVALID: {
    kind: 'unauthenticated',
    zh: 'API 令牌无效、已过期或已撤销',
    en: 'The API token is not valid, has expired or was revoked',
  },
  SETUP_LOOPBACK_ONLY: {
    kind: 'forbidden',
    zh: '只能在服务器本机上设置第一个管理员',
    en: 'The first administrator can be set up on the server itself only',
  },
  CODE_PREVIEW_PATTERN_OR_RULE: {
    kind: 'invalid',
    zh: '编码预览须给出规则写法或规则名之一',
    en: 'A code preview takes a pattern or a rule name, one of them',
  },
  CUSTOMER_IF_MATCH_REQUIRED: {
    kind: 'precondition-required',
    zh: '修改客户须带 If-Match 头（读取时得到的 ETag）',
    en: 'Editing a customer needs an If-Match header (the ETag it was read with)',
  },
  CUSTOMER_IF_MATCH_WEAK: {
    kind: 'precondition-failed',
    zh: 'If-Match 只接受强 ETag（如 "v3"）',
    en: 'If-Match takes strong ETags only (such as "v3")',
  },
  CUSTOMER_IF_MATCH_INVALID: { kind: 'invalid', zh: 'If-Match 应为 "v<版本号>"', en: 'If-Match must be "v<version>"' },
  HOST_NOT_LOOPBACK: {
    kind: 'invalid',
    zh: '还没有设置密码的用户，只能监听本机地址',
    en: 'No user has a password yet, so only a loopback host is allowed',
  },
  PORT_IN_USE: { kind: 'unavailable', zh: '端口已被占用', en: 'The port is already in use' },
  SERVER_START_FAILED: { kind: 'unavailable', zh: '服务器无法启动', en: 'The server cannot start' },
})

declare module '@kehu/core' {
  interface ErrorCatalogs {
    server: typeof SERVER_ERRORS
  }
}

/** Every code an API answer can carry (the command line's own are not among them). */
export const API_ERRORS = mergeCatalogs(CORE_ERRORS, APP_ERRORS, STORAGE_ERRORS, FILES_ERRORS, SERVER_ERRORS)
