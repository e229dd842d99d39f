import { OpenAPIHono } from '@hono/zod-openapi'
import { etagOf } from '@kehu/app'
import { AppError, text } from '@kehu/core'
import { secureHeaders } from 'hono/secure-headers'
import type { Logger } from 'pino'
import { authenticate } from './auth.js'
import { compression } from './compression.js'
import type { Env, KehuApp, ServerContext } from './context.js'
import { registerDocsPage } from './docs-page.js'
import { edgeGuard, LOOPBACK_HOSTS } from './edge-guard.js'
import { langOf, toProblem } from './problem.js'
import { readsFor } from './reads/reads-for.js'
import { DEFAULT_BUDGET_MS, requestBudget } from './request-budget.js'
import { routeGroups } from './routes/index.js'
import { registerStaticWeb } from './static-web.js'
import { requestInvalid } from './validation.js'

export interface AppOptions {
  webDir?: string | undefined
  logger?: Logger | undefined
  /** Host names the server answers for besides the loopback ones (the Host header; others get 421). */
  allowedHosts?: readonly string[] | undefined
  /** Compress responses (default true); off behind a proxy that compresses, and for the bench's "before". */
  compress?: boolean | undefined
}

// Letters, digits and . _ : - only, so a client's id cannot forge log lines or headers.
const REQUEST_ID = /^[A-Za-z0-9][\w.:-]{0,63}$/

// Served over plain HTTP on loopback, so no HSTS; nothing of kehu may be framed or sniffed, and the UI runs
// no inline script (antd and Swagger UI set inline styles).
const SECURITY_HEADERS = secureHeaders({
  strictTransportSecurity: false,
  xFrameOptions: 'DENY',
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
})

/** The whole HTTP application: API, OpenAPI document, API reference and the web UI. */
export function createApp(ctx: ServerContext, options: AppOptions = {}): KehuApp {
  const app: KehuApp = new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success) throw requestInvalid(result.error)
    },
  })

  app.use('*', SECURITY_HEADERS)
  if (options.compress !== false) app.use('*', compression())
  app.use('*', async (c, next) => {
    const given = c.req.header('x-request-id')
    const requestId = given && REQUEST_ID.test(given) ? given : ctx.deps.ids.next()
    c.set('requestId', requestId)
    c.set('lang', langOf(c.req.header('accept-language')))
    c.set('deps', { ...ctx.deps, requestId })
    c.set('actor', ctx.actor)
    const budget = requestBudget(ctx.requestBudgetMs ?? DEFAULT_BUDGET_MS, c.req.method)
    c.set('reads', readsFor(ctx.readPool, budget.signal))
    try {
      await budget.race(next())
    } finally {
      budget.clear()
    }
    c.header('x-request-id', requestId)
  })
  app.use('*', edgeGuard([...LOOPBACK_HOSTS, ...(options.allowedHosts ?? [])]))
  app.use('*', authenticate(ctx, { trustProxy: ctx.trustProxy }))

  app.onError((err, c) => {
    const p = toProblem(err, c.var.lang ?? 'zh-CN', c.var.requestId ?? '-', new URL(c.req.url).pathname)
    // One log entry with the stack per server fault; a client's mistake is answered, not logged.
    if (p.status >= 500) options.logger?.error({ err, requestId: p.requestId }, 'request failed')
    const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' }
    if (err instanceof AppError && err.version !== undefined) headers.etag = etagOf(err.version)
    return c.body(JSON.stringify(p), p.status as 400, headers)
  })

  for (const add of routeGroups) add(app, ctx)

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'kehu API',
      version: ctx.version,
      description:
        '客户主数据 kehu：客户档案、编码规则、分类与管理维度。Errors are RFC 9457 problem+json; `Accept-Language: en` for English.',
    },
  })
  registerDocsPage(app)
  // Every path nothing answers, including unknown API reference assets, is a problem+json 404.
  app.notFound((c) => {
    throw new AppError(
      'not-found',
      'ROUTE_NOT_FOUND',
      text(`没有这个接口：${c.req.method} ${c.req.path}`, `No such endpoint: ${c.req.method} ${c.req.path}`),
    )
  })
  registerStaticWeb(app, options.webDir)
  return app
}
