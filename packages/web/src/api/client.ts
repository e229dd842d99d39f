import { currentLanguage, i18n } from '../i18n/i18n'

/** One field problem as the server reports it; `message` is already in the user's language. */
export interface ApiIssue {
  path: (string | number)[]
  /** The field in the user's words (the server's label); the path is for code. */
  label: string
  code: string
  message: string
}

/** An RFC 9457 problem+json body as kehu's server writes it. */
export interface Problem {
  type: string
  title: string
  status: number
  code: string
  detail?: string
  issues?: ApiIssue[]
}

/**
 * Every failed API call becomes one of these. `code` is the server's error code
 * (`CODE_RULE_AMBIGUOUS`, …) or `NETWORK` / `UNEXPECTED_RESPONSE` when no problem body came back.
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly type: string
  readonly title: string
  readonly detail: string
  readonly issues: ApiIssue[]

  constructor(problem: Problem, options?: { cause?: unknown }) {
    const detail = problem.detail ?? problem.title
    super(detail, options)
    this.name = 'ApiError'
    this.status = problem.status
    this.code = problem.code
    this.type = problem.type
    this.title = problem.title
    this.detail = detail
    this.issues = problem.issues ?? []
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

function parseIssues(v: unknown): ApiIssue[] {
  if (!Array.isArray(v)) return []
  return v.filter(isRecord).map((i) => ({
    path: Array.isArray(i.path) ? i.path.filter((p) => typeof p === 'string' || typeof p === 'number') : [],
    label: typeof i.label === 'string' ? i.label : '',
    code: typeof i.code === 'string' ? i.code : '',
    message: typeof i.message === 'string' ? i.message : String(i.message ?? ''),
  }))
}

function toProblem(body: unknown, status: number): Problem {
  if (!isRecord(body) || typeof body.title !== 'string') {
    const message = i18n.t('error.unexpected', { status })
    return { type: 'about:blank', title: message, status, code: 'UNEXPECTED_RESPONSE', detail: message }
  }
  return {
    type: typeof body.type === 'string' ? body.type : 'about:blank',
    title: body.title,
    status: typeof body.status === 'number' ? body.status : status,
    code: typeof body.code === 'string' ? body.code : 'UNKNOWN',
    ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
    issues: parseIssues(body.issues),
  }
}

export interface RequestOptions extends Omit<RequestInit, 'body'> {
  /** A value sent as JSON; a FormData, Blob or string is sent as it is. */
  body?: unknown
  /** Query parameters; undefined values are left out, a list repeats its parameter. */
  query?: Record<string, string | number | boolean | string[] | undefined>
}

const isRawBody = (b: unknown): b is BodyInit =>
  typeof b === 'string' || b instanceof FormData || b instanceof Blob || b instanceof URLSearchParams

/** Calls the kehu API in the current UI language; resolves with the JSON body or throws an ApiError. */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { body, query, headers, ...init } = options
  const url = new URL(path, window.location.origin)
  for (const [k, v] of Object.entries(query ?? {}))
    if (Array.isArray(v)) for (const x of v) url.searchParams.append(k, x)
    else if (v !== undefined) url.searchParams.set(k, String(v))
  const h = new Headers(headers)
  h.set('Accept', 'application/json, application/problem+json')
  h.set('Accept-Language', currentLanguage())
  // The server refuses a change without it (or a JSON body): a cross-site form or beacon cannot send it.
  h.set('X-Kehu-Request', '1')
  let payload: BodyInit | undefined
  if (body !== undefined) {
    if (isRawBody(body)) payload = body
    else {
      h.set('Content-Type', 'application/json')
      payload = JSON.stringify(body)
    }
  }
  let res: Response
  try {
    res = await fetch(url, { ...init, headers: h, ...(payload === undefined ? {} : { body: payload }) })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    const message = i18n.t('error.network')
    throw new ApiError({ type: 'about:blank', title: message, status: 0, code: 'NETWORK', detail: message }, { cause })
  }
  if (res.status === 204) return undefined as T
  const isJson = /\bjson\b/.test(res.headers.get('Content-Type') ?? '')
  const data: unknown = isJson ? await res.json().catch(() => undefined) : undefined
  if (!res.ok) throw new ApiError(toProblem(data, res.status))
  if (!isJson) throw new ApiError(toProblem(undefined, res.status))
  return data as T
}

/** The API path of a tenant's resource: `tenantPath('DEMO', '/customers')` → `/api/t/DEMO/customers`. */
export const tenantPath = (tenant: string, path = '') => `/api/t/${encodeURIComponent(tenant)}${path}`
