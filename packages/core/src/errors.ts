/** A message in both languages the product speaks; edges pick one per response. */
export interface Text {
  zh: string
  en: string
}

export const text = (zh: string, en: string): Text => ({ zh, en })

/**
 * A zod refinement's message in both languages (`.refine(fn, said('…', '…'))`, `ctx.addIssue({ …, ...said() })`):
 * the edges read `params` and never show zod's one-language `message`.
 */
export const said = (zh: string, en: string) => ({ message: en, params: { zh, en } })

export type Lang = 'zh-CN' | 'en'

export const pick = (t: Text, lang: Lang): string => (lang === 'en' ? t.en : t.zh)

/** What went wrong; alone decides the HTTP status and the CLI exit code. */
export type ErrorKind =
  | 'invalid'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'too-large'
  | 'rate-limited'
  | 'unavailable'
  | 'precondition-failed'
  /** A change without the version it is based on (HTTP: If-Match missing). */
  | 'precondition-required'
  /** Well-formed, but it contradicts an earlier request (an idempotency key reused with another body). */
  | 'unprocessable'

/** One problem with one field, in zod's shape (path) with a bilingual message. */
export interface Issue {
  path: (string | number)[]
  code: string
  message: Text
}

export interface AppErrorOptions {
  issues?: Issue[]
  /** Extra machine-readable facts for the caller (e.g. both versions of a stale edit). */
  details?: Record<string, unknown>
  /** The current version of the record the error is about (a stale edit); the API sends it as the ETag. */
  version?: number
  cause?: unknown
}

/** The one error type: thrown to abort an operation. */
export class AppError extends Error {
  readonly kind: ErrorKind
  readonly code: string
  readonly text: Text
  readonly issues: Issue[]
  readonly details: Record<string, unknown> | undefined
  readonly version: number | undefined

  constructor(kind: ErrorKind, code: string, message: Text, options: AppErrorOptions = {}) {
    super(message.en, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.kind = kind
    this.code = code
    this.text = message
    this.issues = options.issues ?? []
    this.details = options.details
    this.version = options.version
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

export const invalid = (code: string, message: Text, issues: Issue[] = [], details?: Record<string, unknown>) =>
  new AppError('invalid', code, message, { issues, ...(details ? { details } : {}) })

export const notFound = (code: string, message: Text, details?: Record<string, unknown>) =>
  new AppError('not-found', code, message, details ? { details } : {})

export const conflict = (code: string, message: Text, details?: Record<string, unknown>) =>
  new AppError('conflict', code, message, details ? { details } : {})

export const issue = (path: (string | number)[], code: string, message: Text): Issue => ({ path, code, message })

/** Throws one `invalid` error carrying every issue, if there are any. */
export function assertNoIssues(issues: Issue[], code: string, message: Text): void {
  if (issues.length > 0) throw invalid(code, message, issues)
}

/** HTTP status and CLI exit code per kind (docs/decisions/0002-errors-as-problem-json.md). */
export const errorStatus: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'precondition-failed': 412,
  'precondition-required': 428,
  unprocessable: 422,
  'too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
}

export const exitCode: Record<ErrorKind, number> = {
  invalid: 2,
  unauthenticated: 5,
  forbidden: 5,
  'not-found': 3,
  conflict: 4,
  'precondition-failed': 4,
  'precondition-required': 4,
  unprocessable: 2,
  'too-large': 6,
  'rate-limited': 7,
  unavailable: 8,
}
