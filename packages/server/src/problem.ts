import { issuesOut } from '@kehu/app'
import { AppError, type AppErrorArgs, errorStatus, type Lang, pick, text } from '@kehu/core'
import { HTTPException } from 'hono/http-exception'
import { ZodError } from 'zod'
import { requestInvalid } from './validation.js'

/** RFC 9457 problem details, as every error leaves the API. */
export interface Problem {
  type: string
  title: string
  status: number
  code: string
  detail: string
  instance?: string
  requestId: string
  issues?: { path: (string | number)[]; label: string; code: string; message: string }[]
  [extra: string]: unknown
}

const TITLES: Record<string, { zh: string; en: string }> = {
  400: text('请求无效', 'Invalid request'),
  401: text('未登录', 'Not signed in'),
  403: text('无权限', 'Forbidden'),
  404: text('未找到', 'Not found'),
  409: text('冲突', 'Conflict'),
  412: text('版本已变化', 'Precondition failed'),
  413: text('内容过大', 'Too large'),
  415: text('不支持的内容类型', 'Unsupported media type'),
  421: text('主机名不对', 'Misdirected request'),
  422: text('无法处理', 'Unprocessable'),
  428: text('缺少版本条件', 'Precondition required'),
  429: text('请求过多', 'Too many requests'),
  431: text('请求头过大', 'Request header fields too large'),
  500: text('服务器内部错误', 'Internal server error'),
  503: text('服务不可用', 'Service unavailable'),
}

/** An error only HTTP has (a content type, a host, header size): its status is the transport's own. */
export class HttpError extends AppError {
  readonly status: number
  constructor(status: number, ...error: AppErrorArgs) {
    super(...error)
    this.status = status
  }
}

// What the framework and the schemas throw on a client's mistake, as our errors: a 4xx, never a 500.
function asAppError(err: unknown): unknown {
  if (err instanceof ZodError) return requestInvalid(err)
  if (err instanceof HTTPException && err.status < 500)
    return err.status === 415
      ? new HttpError(
          415,
          'invalid',
          'REQUEST_CONTENT_TYPE',
          text(
            '请求内容须为 JSON（Content-Type: application/json）',
            'The request body must be JSON (Content-Type: application/json)',
          ),
        )
      : new HttpError(
          err.status,
          'invalid',
          'REQUEST_BODY_MALFORMED',
          text('缺少请求内容，或它不是有效的 JSON', 'The request body is missing or is not valid JSON'),
        )
  return err
}

/** The one place that turns an error into a status and a problem+json body. */
export function toProblem(error: unknown, lang: Lang, requestId: string, instance?: string): Problem {
  const err = asAppError(error)
  if (err instanceof AppError) {
    const status = err instanceof HttpError ? err.status : errorStatus[err.kind]
    // `code` is always the error's code: a detail of that name (none is thrown) must not replace it.
    const { code: _c, ...details } = err.details ?? {}
    return {
      type: `https://kehu.dev/problems/${err.code.toLowerCase().replace(/_/g, '-')}`,
      title: pick(TITLES[status] ?? TITLES[500]!, lang),
      status,
      code: err.code,
      detail: pick(err.text, lang),
      ...(instance ? { instance } : {}),
      requestId,
      ...(err.issues.length > 0 ? { issues: issuesOut(err.issues, lang) } : {}),
      ...details,
    }
  }
  return {
    type: 'about:blank',
    title: pick(TITLES[500]!, lang),
    status: 500,
    code: 'INTERNAL',
    detail: pick(
      text(
        `服务器内部错误，请联系管理员并提供请求编号 ${requestId}`,
        `Internal error; give the administrator the request id ${requestId}`,
      ),
      lang,
    ),
    requestId,
  }
}

/** Picks the response language: English only when the client asks for it first. */
export function langOf(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return 'zh-CN'
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'zh-CN'
}
