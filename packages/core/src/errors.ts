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

/** What a code means, for the API reference and the README's error table; the message of each error says more. */
export interface ErrorSpec {
  kind: ErrorKind
  zh: string
  en: string
  /** The HTTP status when only HTTP has it (an edge's `HttpError`: 415, 421, 431); else the kind's. */
  status?: number
}

/**
 * Error codes by slice. Each slice declares its codes once with `errorCatalog({...})` and adds the catalog here
 * (`declare module '@kehu/core' { interface ErrorCatalogs { customers: typeof customerErrors } }`), so `AppError`
 * and its helpers take only catalogued codes of the right kind: a typo fails typecheck.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one entry per slice
export interface ErrorCatalogs {}

type CodesOf<C> = keyof C & string
type CodesOfKind<C, K extends ErrorKind> = { [N in keyof C]: C[N] extends { kind: K } ? N : never }[keyof C] & string

/** Every catalogued error code. */
export type ErrorCode = { [S in keyof ErrorCatalogs]: CodesOf<ErrorCatalogs[S]> }[keyof ErrorCatalogs]

/** The catalogued codes of one kind (`invalid(…)` takes only `ErrorCodeOf<'invalid'>`). */
export type ErrorCodeOf<K extends ErrorKind> = {
  [S in keyof ErrorCatalogs]: CodesOfKind<ErrorCatalogs[S], K>
}[keyof ErrorCatalogs]

/** A slice's error codes: code → kind and meaning (the literal types feed `ErrorCode`). */
export const errorCatalog = <const C extends Record<string, ErrorSpec>>(catalog: C): C => catalog

type Merged<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends object[]]
  ? H & Merged<R>
  : unknown

/** A package's slice catalogs as one; a code declared by two slices is a mistake, refused when the module loads. */
export function mergeCatalogs<const T extends readonly Record<string, ErrorSpec>[]>(...catalogs: T): Merged<T> {
  const all: Record<string, ErrorSpec> = {}
  for (const c of catalogs)
    for (const [code, spec] of Object.entries(c)) {
      if (code in all) throw new Error(`error code ${code} is declared twice`)
      all[code] = spec
    }
  return all as Merged<T>
}

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

/** A kind and a catalogued code of that kind, then the message: what `new AppError(…)` takes. */
export type AppErrorArgs = [
  ...{ [K in ErrorKind]: [kind: K, code: ErrorCodeOf<K>] }[ErrorKind],
  message: Text,
  options?: AppErrorOptions,
]

/** The one error type: thrown to abort an operation. */
export class AppError extends Error {
  readonly kind: ErrorKind
  readonly code: ErrorCode
  readonly text: Text
  readonly issues: Issue[]
  readonly details: Record<string, unknown> | undefined
  readonly version: number | undefined

  constructor(...[kind, code, message, options = {}]: AppErrorArgs) {
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

/**
 * The same error (kind, code, message, version) again, with other issues or details: an edge's fuller account of
 * it, or one that crossed a thread as data.
 */
export function reissue(
  e: Pick<AppError, 'kind' | 'code' | 'text' | 'issues' | 'details'> & { version?: number | undefined },
  change: Pick<AppErrorOptions, 'issues' | 'details'> = {},
): AppError {
  const { kind, code, text, issues, details, version } = e
  // The pair comes from a checked AppError, so it is catalogued and of its kind.
  const pair = [kind, code] as [kind: 'invalid', code: ErrorCodeOf<'invalid'>]
  const detailsNow = change.details ?? details
  return new AppError(...pair, text, {
    issues: change.issues ?? issues,
    ...(detailsNow ? { details: detailsNow } : {}),
    ...(version === undefined ? {} : { version }),
    ...(e instanceof AppError ? { cause: e } : {}),
  })
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

export const invalid = (
  code: ErrorCodeOf<'invalid'>,
  message: Text,
  issues: Issue[] = [],
  details?: Record<string, unknown>,
) => new AppError('invalid', code, message, { issues, ...(details ? { details } : {}) })

export const notFound = (code: ErrorCodeOf<'not-found'>, message: Text, details?: Record<string, unknown>) =>
  new AppError('not-found', code, message, details ? { details } : {})

export const conflict = (code: ErrorCodeOf<'conflict'>, message: Text, details?: Record<string, unknown>) =>
  new AppError('conflict', code, message, details ? { details } : {})

export const issue = <C extends string>(path: (string | number)[], code: C, message: Text): Issue & { code: C } => ({
  path,
  code,
  message,
})

/** An issue whose code may also stand for the whole error (the first of a list, or the only one). */
export type CodedIssue = Issue & { code: ErrorCodeOf<'invalid'> }

/** Throws one `invalid` error carrying every issue, if there are any. */
export function assertNoIssues(issues: Issue[], code: ErrorCodeOf<'invalid'>, message: Text): void {
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
