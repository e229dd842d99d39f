import type { OpenAPIHono } from '@hono/zod-openapi'
import { type ActorContext, type Deps, forTenant, type RequestContext } from '@kehu/app'
import type { Actor, Lang } from '@kehu/core'
import type { Context } from 'hono'

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

/** The caller of this request, about no tenant yet. */
export function ctxOf(c: Context<Env>): ActorContext
/** The caller of this request, about one tenant. */
export function ctxOf(c: Context<Env>, tenant: string): RequestContext
export function ctxOf(c: Context<Env>, tenant?: string): ActorContext | RequestContext {
  const base: ActorContext = { deps: c.var.deps, actor: c.var.actor, lang: c.var.lang }
  return tenant === undefined ? base : forTenant(base, tenant)
}
