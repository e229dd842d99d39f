import { OpenAPIHono } from '@hono/zod-openapi'
import { AppError, text } from '@kehu/core'
import { bodyLimit } from 'hono/body-limit'
import type { Logger } from 'pino'
import type { Env, KehuApp, ServerContext } from './context.js'
import { registerDocsPage } from './docs-page.js'
import { langOf, toProblem } from './problem.js'
import { routeGroups } from './routes/index.js'
import { registerStaticWeb } from './static-web.js'
import { requestInvalid } from './validation.js'

export interface AppOptions {
  webDir?: string | undefined
  logger?: Logger | undefined
}

const MAX_BODY = 2 * 1024 * 1024

/** The whole HTTP application: API, OpenAPI document, API reference and the web UI. */
export function createApp(ctx: ServerContext, options: AppOptions = {}): KehuApp {
  const app: KehuApp = new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success) throw requestInvalid(result.error)
    },
  })

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || ctx.deps.ids.next()
    c.set('requestId', requestId)
    c.set('lang', langOf(c.req.header('accept-language')))
    c.set('deps', { ...ctx.deps, requestId })
    c.set('actor', ctx.actor)
    await next()
    c.header('x-request-id', requestId)
  })
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY,
      onError: () => {
        throw new AppError('too-large', 'REQUEST_TOO_LARGE', text('请求内容超过 2 MB', 'The request body is over 2 MB'))
      },
    }),
  )

  app.onError((err, c) => {
    const p = toProblem(err, c.var.lang ?? 'zh-CN', c.var.requestId ?? '-', new URL(c.req.url).pathname)
    if (p.status >= 500) options.logger?.error({ err, requestId: p.requestId }, 'request failed')
    const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' }
    if (err instanceof AppError && err.details?.etag) headers.etag = String(err.details.etag)
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
  app.all('/api/*', (c) => {
    throw new AppError(
      'not-found',
      'ROUTE_NOT_FOUND',
      text(`没有这个接口：${c.req.method} ${c.req.path}`, `No such endpoint: ${c.req.method} ${c.req.path}`),
    )
  })
  registerStaticWeb(app, options.webDir)
  return app
}
