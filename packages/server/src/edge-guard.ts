import {
  type AppErrorArgs,
  cleanInput,
  type ErrorCodeOf,
  fieldLabel,
  type Issue,
  issue,
  type Text,
  text,
  textIssue,
} from '@kehu/core'
import type { MiddlewareHandler } from 'hono'
import type { Env } from './context.js'
import { HttpError } from './problem.js'

/** Host names a request may address unless configured otherwise: loopback only (DNS rebinding). */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1']

export const MAX_BODY = 2 * 1024 * 1024
/** Longest URL (path and query) the API reads; Node refuses longer request lines before us. */
export const MAX_URL = 8 * 1024

/** A request header a cross-site page cannot send without a CORS preflight (forms, beacons, no-cors fetches). */
export const REQUEST_HEADER = 'X-Kehu-Request'
const CUSTOM_HEADERS = ['x-kehu-request', 'x-requested-with']
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/

/** `[::1]` and `LOCALHOST.` are `::1` and `localhost`. */
export const normalizeHost = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')

const refuse = (status: number, ...error: AppErrorArgs) => new HttpError(status, ...error)

/**
 * Everything a request must be before any route sees it: addressed to a configured host, a bounded
 * well-formed URL, and for a state change a same-origin request that a cross-site page could not have
 * sent without a preflight, whose JSON body is read once, bounded, checked and normalised (cleanInput).
 */
export function edgeGuard(allowedHosts: readonly string[]): MiddlewareHandler<Env> {
  const allowed = new Set(allowedHosts.map(normalizeHost))
  return async (c, next) => {
    const url = new URL(c.req.url)
    const host = normalizeHost(url.hostname)
    if (!allowed.has(host))
      throw refuse(
        421,
        'forbidden',
        'REQUEST_HOST_NOT_ALLOWED',
        text(
          `kehu 未配置为接受主机名 ${host} 的请求（可用 --allowed-host 添加）`,
          `kehu is not configured to answer for the host name ${host} (add it with --allowed-host)`,
        ),
      )
    checkUrl(c.req.url, url)
    if (UNSAFE.has(c.req.method)) {
      // A bearer token is no ambient credential a foreign page could ride on: integrations need no Origin.
      if (!/^Bearer\s/i.test(c.req.header('authorization') ?? ''))
        assertSameOrigin(c.req.header('origin') ?? c.req.header('referer'), url.host)
      // an upload streams its own body, bounded by its own limit; octet-stream is no type a form can send cross-site
      if (!isUpload(c.req.method, url.pathname, c.req.header('content-type'))) await readJsonBody(c)
    }
    await next()
  }
}

const UPLOAD_PATH = /^\/api\/t\/[^/]+\/uploads$/
const isUpload = (method: string, path: string, type: string | undefined) =>
  method === 'POST' &&
  UPLOAD_PATH.test(path) &&
  type?.split(';')[0]?.trim().toLowerCase() === 'application/octet-stream'

function checkUrl(raw: string, url: URL) {
  if (raw.length > MAX_URL)
    throw refuse(
      431,
      'too-large',
      'REQUEST_URL_TOO_LONG',
      text(`网址过长：最多 ${MAX_URL} 个字符`, `The URL is too long: at most ${MAX_URL} characters`),
    )
  const issues: Issue[] = []
  const check = (encoded: string, path: (string | number)[]) => {
    let decoded: string
    try {
      decoded = decodeURIComponent(encoded.replace(/\+/g, ' '))
    } catch {
      const where = fieldLabel(path)
      issues.push(
        issue(
          path,
          'URL_ENCODING_INVALID',
          text(`${where.zh} 的百分号编码不是有效的 UTF-8`, `${where.en} is not valid percent-encoded UTF-8`),
        ),
      )
      return
    }
    const problem = textIssue(path, decoded)
    if (problem) issues.push(problem)
  }
  const segments = url.pathname.split('/')
  segments.forEach((s, i) => {
    if (s) check(s, segments[1] === 'api' && segments[2] === 't' && i === 3 ? ['tenant'] : ['path'])
  })
  for (const pair of url.search.slice(1).split('&')) {
    if (!pair) continue
    const [k = '', v = ''] = pair.split('=', 2)
    let key = k
    try {
      key = decodeURIComponent(k.replace(/\+/g, ' '))
    } catch {}
    check(k, [key])
    check(v, [key])
  }
  assertNoTextIssues(
    issues,
    'REQUEST_URL_INVALID',
    text('网址含有无效的字符', 'The URL contains characters that are not valid text'),
  )
}

const assertNoTextIssues = (issues: Issue[], code: ErrorCodeOf<'invalid'>, message: Text) => {
  if (issues.length > 0) throw refuse(400, 'invalid', code, message, { issues })
}

/** An unsafe request that names another origin (Origin, or Referer when there is none) is refused. */
function assertSameOrigin(source: string | undefined, ownHost: string) {
  if (source === undefined) return
  let host: string | null = null
  try {
    host = source === 'null' ? null : new URL(source).host
  } catch {}
  if (host !== ownHost)
    throw refuse(
      403,
      'forbidden',
      'REQUEST_CROSS_ORIGIN',
      text(`拒绝来自其他网站（${source}）的修改请求`, `A change requested from another site (${source}) is refused`),
    )
}

async function readBytes(req: Request): Promise<Uint8Array> {
  const tooLarge = () =>
    refuse(
      413,
      'too-large',
      'REQUEST_TOO_LARGE',
      text(`请求内容超过 ${MAX_BODY / 1024 / 1024} MB`, `The request body is over ${MAX_BODY / 1024 / 1024} MB`),
    )
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY) throw tooLarge()
  if (!req.body) return new Uint8Array()
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>
    try {
      chunk = await reader.read()
    } catch {
      // The client went away mid-body: its mistake (or its network's), not a server fault to log.
      throw refuse(400, 'invalid', 'REQUEST_BODY_INCOMPLETE', text('请求内容没有传完', 'The request body was cut off'))
    }
    const { done, value } = chunk
    if (done) break
    size += value.byteLength
    if (size > MAX_BODY) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The body of a state change: JSON or nothing. A bodiless one needs the JSON content type or the custom
 * header, which is what makes a cross-site page need a preflight.
 */
async function readJsonBody(c: Parameters<MiddlewareHandler<Env>>[0]) {
  const media = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
  const isJson = media !== undefined && JSON_MEDIA.test(media)
  const unsupported = () =>
    refuse(
      415,
      'invalid',
      'REQUEST_CONTENT_TYPE',
      text(
        `请求内容须为 JSON（Content-Type: application/json），收到 ${media ?? '无类型'}`,
        `The request body must be JSON (Content-Type: application/json), not ${media ?? 'untyped'}`,
      ),
    )
  if (media !== undefined && !isJson) throw unsupported()
  const bytes = await readBytes(c.req.raw)
  if (bytes.byteLength > 0 && !isJson) throw unsupported()
  if (!isJson && !CUSTOM_HEADERS.some((h) => c.req.header(h) !== undefined))
    throw refuse(
      403,
      'forbidden',
      'REQUEST_HEADER_REQUIRED',
      text(
        `没有请求内容的修改须带上 ${REQUEST_HEADER}: 1 头（或 Content-Type: application/json），以防其他网站代为提交`,
        `A change without a body needs the header ${REQUEST_HEADER}: 1 (or Content-Type: application/json), so that no other site can send it`,
      ),
    )
  if (bytes.byteLength === 0) return
  let parsed: unknown
  try {
    parsed = JSON.parse(utf8.decode(bytes))
  } catch {
    const message = text('请求内容不是有效的 UTF-8 JSON', 'The request body is not valid UTF-8 JSON')
    throw refuse(400, 'invalid', 'REQUEST_BODY_MALFORMED', message, {
      issues: [issue([], 'REQUEST_BODY_MALFORMED', message)],
    })
  }
  const { value, issues } = cleanInput(parsed)
  assertNoTextIssues(
    issues,
    'REQUEST_TEXT_INVALID',
    text('请求内容含有无效的文本', 'The request contains text that is not valid'),
  )
  // The routes' validators read the body through this cache: they see the checked, normalised value.
  c.req.bodyCache.json = Promise.resolve(value)
}
