import type { OpenAPIHono } from '@hono/zod-openapi'
import { type ActorContext, type Deps, forTenant, type RequestContext } from '@kehu/app'
import type { Actor, Lang } from '@kehu/core'
import type { Context } from 'hono'
import type { Reads } from './reads/read-ops.js'
import type { ReadPool } from './reads/read-pool.js'

/** Who a request comes from, once authenticated: nobody, the loopback administrator, a session or a token. */
export type Caller =
  | { via: 'none' }
  | { via: 'loopback' }
  | { via: 'session'; userId: string; sessionId: string }
  | { via: 'token'; userId: string; tokenId: string }

export interface Env {
  Variables: {
    lang: Lang
    requestId: string
    deps: Deps
    actor: Actor
    reads: Reads
    caller: Caller
    address: string | null
  }
}

export type KehuApp = OpenAPIHono<Env>

export interface ServerContext {
  deps: Deps
  actor: Actor
  version: string
  database: 'sqlite' | 'postgresql'
  /** Runs the long reads off the event loop; without it they run in this thread (ADR 0022). */
  readPool?: ReadPool | undefined
  /** Each request's time budget in milliseconds: a request that spends it gets a 503 (default 30 s). */
  requestBudgetMs?: number | undefined
  /** Behind a reverse proxy: client address from X-Forwarded-For, HTTPS from X-Forwarded-Proto. */
  trustProxy?: boolean
  /** Bytes an upload may have (`--max-upload`); more is a 413. Default 256 MB. */
  maxUploadBytes?: number | undefined
}

/** The caller of this request, about no tenant yet. */
export function ctxOf(c: Context<Env>): ActorContext
/** The caller of this request, about one tenant. */
export function ctxOf(c: Context<Env>, tenant: string): RequestContext
export function ctxOf(c: Context<Env>, tenant?: string): ActorContext | RequestContext {
  const base: ActorContext = { deps: c.var.deps, actor: c.var.actor, lang: c.var.lang }
  return tenant === undefined ? base : forTenant(base, tenant)
}
