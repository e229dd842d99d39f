import {
  type ApiToken,
  assertCan,
  invalid,
  normalizeLogin,
  notFound,
  PERMISSIONS,
  type Permission,
  parseInput,
  text,
} from '@kehu/core'
import { z } from 'zod'
import type { ActorContext } from '../context.js'
import { accessEvent } from './access-event.js'
import { newSecret, secretHash } from './secrets.js'
import { userByLogin } from './users.js'

/** Tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
export const TOKEN_PREFIX = 'kehu_'
export const TOKEN_DEFAULT_DAYS = 90

export const CreateApiTokenInput = z.object({
  name: z.string().min(1).max(100),
  login: z.string().max(64),
  /** Permissions the token may use; none = all of its user's. */
  scopes: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length).optional(),
  /** When it stops working; null = never; default 90 days. */
  expiresAt: z.string().max(40).nullable().optional(),
})
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>

export interface ApiTokenView extends ApiToken {
  login: string
}

/** Creates an API token; its secret is returned here once and stored only as a hash. */
export async function createApiToken(
  { deps, actor }: ActorContext,
  given: CreateApiTokenInput,
): Promise<ApiTokenView & { secret: string }> {
  if (normalizeLogin(String(given.login)) !== actor.login) assertCan(actor, 'admin')
  const input = parseInput(
    CreateApiTokenInput,
    given,
    'TOKEN_INVALID_INPUT',
    text('令牌信息有误', 'The token is not valid'),
  )
  const now = deps.clock.now()
  const expiresAt =
    input.expiresAt === undefined
      ? new Date(now.getTime() + TOKEN_DEFAULT_DAYS * 86_400_000).toISOString()
      : input.expiresAt === null
        ? null
        : futureTime(input.expiresAt, now)
  return deps.store.transaction(async (tx) => {
    const user = await userByLogin(tx, input.login)
    const secret = newSecret(TOKEN_PREFIX)
    const token: ApiToken = {
      id: deps.ids.next(),
      userId: user.id,
      name: input.name.trim(),
      scopes: [...new Set<Permission>(input.scopes ?? [])],
      createdAt: now.toISOString(),
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    }
    await tx.apiTokens.insert(token, secretHash(secret))
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        'token.created',
        { login: user.login, userId: user.id },
        {
          tokenId: token.id,
          name: token.name,
          scopes: token.scopes,
          expiresAt,
        },
      ),
    )
    return { ...token, login: user.login, secret }
  })
}

function futureTime(value: string, now: Date): string {
  const t = Date.parse(value)
  if (Number.isNaN(t) || t <= now.getTime())
    throw invalid(
      'TOKEN_EXPIRY_INVALID',
      text(`有效期须为将来的日期或时间：${value}`, `The expiry must be a future date or time: ${value}`),
      [],
      { expiresAt: value },
    )
  return new Date(t).toISOString()
}

/** Tokens of one user (by login), or of everyone; revoked and expired ones too, for the record. */
export async function listApiTokens({ deps, actor }: ActorContext, login?: string): Promise<ApiTokenView[]> {
  if (login === undefined || normalizeLogin(login) !== actor.login) assertCan(actor, 'admin')
  return deps.store.read(async (tx) => {
    const user = login === undefined ? undefined : await userByLogin(tx, login)
    const logins = new Map((await tx.users.list()).map((u) => [u.id, u.login]))
    return (await tx.apiTokens.list(user?.id)).map((t) => ({ ...t, login: logins.get(t.userId) ?? t.userId }))
  })
}

/** Revokes a token: it stops working at once. */
export async function revokeApiToken({ deps, actor }: ActorContext, id: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const token = await tx.apiTokens.byId(id)
    if (token?.userId !== actor.userId) assertCan(actor, 'admin')
    if (!token) throw notFound('TOKEN_NOT_FOUND', text(`令牌 ${id} 不存在`, `Token ${id} does not exist`), { id })
    if (token.revokedAt) return
    await tx.apiTokens.revoke(token.id, deps.clock.now().toISOString())
    const user = await tx.users.byId(token.userId)
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        'token.revoked',
        { login: user?.login, userId: token.userId },
        {
          tokenId: token.id,
          name: token.name,
        },
      ),
    )
  })
}
