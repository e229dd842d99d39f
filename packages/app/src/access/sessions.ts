import { type Actor, assertCan, normalizeLogin, notFound, text, type UserSession } from '@kehu/core'
import type { ActorContext } from '../context.js'
import { accessEvent } from './access-event.js'
import { userByLogin } from './users.js'

export interface SessionView extends UserSession {
  login: string
}

// Anyone may see and end their own sessions; other people's need `admin`.
const assertOwnOr = (actor: Actor, userId: string | undefined) => {
  if (userId !== actor.userId) assertCan(actor, 'admin')
}

/** Live sessions of one user (by login), or of everyone. */
export async function listSessions({ deps, actor }: ActorContext, login?: string): Promise<SessionView[]> {
  if (login === undefined || normalizeLogin(login) !== actor.login) assertCan(actor, 'admin')
  return deps.store.read(async (tx) => {
    const user = login === undefined ? undefined : await userByLogin(tx, login)
    const sessions = await tx.sessions.listLive(deps.clock.now().toISOString(), user?.id)
    const logins = new Map((await tx.users.list()).map((u) => [u.id, u.login]))
    return sessions.map((s) => ({ ...s, login: logins.get(s.userId) ?? s.userId }))
  })
}

/** Ends one session (signs that browser out). */
export async function revokeSession({ deps, actor }: ActorContext, id: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const s = await tx.sessions.byId(id)
    assertOwnOr(actor, s?.userId)
    if (!s) throw notFound('SESSION_NOT_FOUND', text(`会话 ${id} 不存在`, `Session ${id} does not exist`), { id })
    if (s.revokedAt) return
    await tx.sessions.revoke(s.id, deps.clock.now().toISOString())
    const user = await tx.users.byId(s.userId)
    await tx.accessLog.append(
      accessEvent(deps, actor.label, 'session.revoked', { login: user?.login, userId: s.userId }, { sessionId: s.id }),
    )
  })
}
