import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Deps } from '@kehu/app'
import type { Actor, Lang } from '@kehu/core'

export interface Env {
  Variables: { lang: Lang; requestId: string; deps: Deps; actor: Actor }
}

export type KehuApp = OpenAPIHono<Env>

export interface ServerContext {
  deps: Deps
  actor: Actor
  version: string
  database: 'sqlite' | 'postgresql'
}
