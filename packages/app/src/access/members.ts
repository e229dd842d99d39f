import {
  type AppUser,
  assertCan,
  type DataScope,
  invalid,
  issue,
  notFound,
  parseInput,
  type Role,
  type ScopeInput,
  type Tx,
  text,
} from '@kehu/core'
import { z } from 'zod'
import type { RequestContext } from '../context.js'
import type { Deps } from '../deps.js'
import { resolveTenant } from '../tenancy/resolve-tenant.js'
import { accessEvent } from './access-event.js'
import { userByLogin } from './users.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const ScopeInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('node'),
    nodeId: z.string().max(64),
    /** 本级及下级 (true) or 本级 only (false). */
    subtree: z.boolean(),
  }),
  z.object({ kind: z.literal('own') }),
])

export const SetMemberInput = z.object({
  /** Role codes (or names); none removes the user from the tenant. */
  roles: z.array(z.string().max(100)).max(50),
  /** Data scopes; none: every customer of the tenant. */
  scopes: z.array(ScopeInputSchema).max(200),
})
export type SetMemberInput = z.infer<typeof SetMemberInput>

export const ScopesInput = z.object({ login: z.string().max(64), scopes: z.array(ScopeInputSchema).max(200) })
export type ScopesInput = z.infer<typeof ScopesInput>

/** A data scope as people read it: the node's scheme and code beside its id. */
export type ScopeView =
  | {
      kind: 'node'
      nodeId: string
      subtree: boolean
      schemeCode: string
      schemeName: string
      nodeCode: string
      nodeName: string
    }
  | { kind: 'own' }

/** A user's place in a tenant: their roles and data scopes. */
export interface MemberView {
  login: string
  displayName: string
  enabled: boolean
  roles: string[]
  scopes: ScopeView[]
}

/** Every member of the tenant (a user with at least one role there), by login. */
export async function listMembers({ deps, actor, tenant }: RequestContext): Promise<MemberView[]> {
  assertCan(actor, 'tenant:admin')
  return deps.store.read(async (tx) => {
    const t = await resolveTenant(tx, tenant)
    const out: MemberView[] = []
    for (const user of await tx.users.list()) {
      const member = await memberView(tx, t.id, user)
      if (member.roles.length > 0) out.push(member)
    }
    return out.sort((a, b) => a.login.localeCompare(b.login))
  })
}

/** One member's roles and scopes (roles empty: not a member). */
export async function getMember({ deps, actor, tenant }: RequestContext, login: string): Promise<MemberView> {
  assertCan(actor, 'tenant:admin')
  return deps.store.read(async (tx) =>
    memberView(tx, (await resolveTenant(tx, tenant)).id, await userByLogin(tx, login)),
  )
}

/**
 * Sets a user's roles and data scopes in the tenant at once (the members page's save): roles not listed are
 * taken, scopes replaced; no roles removes the user from the tenant, scopes included.
 */
export async function setMember(ctx: RequestContext, login: string, given: SetMemberInput): Promise<MemberView> {
  const { deps, actor } = ctx
  assertCan(actor, 'tenant:admin')
  const input = parseInput(SetMemberInput, given, 'MEMBER_INVALID')
  return deps.store.transaction(async (tx) => {
    const t = await resolveTenant(tx, ctx.tenant)
    const user = await userByLogin(tx, login)
    const roles = await rolesNamed(tx, t.id, input.roles)
    if (roles.length === 0 && input.scopes.length > 0)
      throw invalid(
        'MEMBER_SCOPES_WITHOUT_ROLE',
        text('数据权限只能给有角色的成员：请至少选择一个角色', 'Data scopes need a member: choose at least one role'),
        [issue(['roles'], 'MEMBER_SCOPES_WITHOUT_ROLE', text('请至少选择一个角色', 'Choose at least one role'))],
      )
    const now = deps.clock.now().toISOString()
    const held = new Set((await tx.memberships.rolesOf(t.id, user.id)).map((r) => r.code))
    const wanted = new Set(roles.map((r) => r.code))
    for (const code of held) if (!wanted.has(code)) await tx.memberships.remove(t.id, user.id, code)
    for (const code of wanted)
      if (!held.has(code)) await tx.memberships.add({ tenantId: t.id, userId: user.id, roleCode: code, createdAt: now })
    await replaceScopes(deps, tx, t.id, user.id, input.scopes)
    const after = await memberView(tx, t.id, user)
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        'member.updated',
        { login: user.login, userId: user.id, tenantId: t.id },
        { tenant: t.code, ...summary(after) },
      ),
    )
    return after
  })
}

/** Adds data scopes to a member's (a scope already held is kept once); the CLI's `user grant --class 01+`. */
export async function grantScopes(ctx: RequestContext, given: ScopesInput): Promise<MemberView> {
  return changeScopes(ctx, given, (held, added) => [...held, ...added])
}

/** Takes every data scope of a member: they see every customer of the tenant again. */
export async function clearScopes(ctx: RequestContext, login: string): Promise<MemberView> {
  return changeScopes(ctx, { login, scopes: [] }, () => [])
}

async function changeScopes(
  { deps, actor, tenant }: RequestContext,
  given: ScopesInput,
  next: (held: ScopeInput[], added: ScopeInput[]) => ScopeInput[],
): Promise<MemberView> {
  assertCan(actor, 'tenant:admin')
  const input = parseInput(ScopesInput, given, 'MEMBER_INVALID')
  return deps.store.transaction(async (tx) => {
    const t = await resolveTenant(tx, tenant)
    const user = await userByLogin(tx, input.login)
    if ((await tx.memberships.rolesOf(t.id, user.id)).length === 0 && input.scopes.length > 0)
      throw invalid(
        'MEMBER_SCOPES_WITHOUT_ROLE',
        text(
          `${user.login} 在本账套没有角色：请先授予角色（--role）`,
          `${user.login} has no role in this tenant: grant a role first (--role)`,
        ),
      )
    await replaceScopes(deps, tx, t.id, user.id, next(await tx.scopes.list(t.id, user.id), input.scopes))
    const after = await memberView(tx, t.id, user)
    await tx.accessLog.append(
      accessEvent(
        deps,
        actor.label,
        'member.updated',
        { login: user.login, userId: user.id, tenantId: t.id },
        { tenant: t.code, ...summary(after) },
      ),
    )
    return after
  })
}

/** A user's data scopes in a tenant, as people read them (also the `scopes` of `GET /me`). */
export async function scopeViewsOf(tx: Tx, tenantId: string, userId: string): Promise<ScopeView[]> {
  return scopeViews(tx, tenantId, await tx.scopes.list(tenantId, userId))
}

/** Checks and stores a member's scopes: every node of this tenant, each scope once (the last `subtree` wins). */
async function replaceScopes(deps: Deps, tx: Tx, tenantId: string, userId: string, scopes: readonly ScopeInput[]) {
  const byKey = new Map<string, ScopeInput>()
  for (const [i, s] of scopes.entries()) {
    if (s.kind === 'node' && !(UUID.test(s.nodeId) && (await tx.nodes.byId(tenantId, s.nodeId))))
      throw invalid(
        'SCOPE_NODE_NOT_FOUND',
        text('数据权限中的分类不存在', 'A class in the data scopes does not exist'),
        [
          issue(
            ['scopes', i, 'nodeId'],
            'SCOPE_NODE_NOT_FOUND',
            text(`分类 ${s.nodeId} 不存在`, `No class has the id ${s.nodeId}`),
          ),
        ],
      )
    byKey.set(s.kind === 'node' ? s.nodeId : 'own', s)
  }
  const now = deps.clock.now().toISOString()
  const rows: DataScope[] = [...byKey.values()].map((s) => ({
    ...s,
    tenantId,
    userId,
    id: deps.ids.next(),
    createdAt: now,
  }))
  await tx.scopes.replace(tenantId, userId, rows)
}

async function rolesNamed(tx: Tx, tenantId: string, wanted: readonly string[]): Promise<Role[]> {
  const all = await tx.roles.list(tenantId)
  return wanted.map((w, i) => {
    const role = all.find((r) => r.code === w.trim()) ?? all.find((r) => r.name === w.trim())
    if (!role)
      throw notFound('ROLE_NOT_FOUND', text(`角色 ${w} 不存在`, `Role ${w} does not exist`), { role: w, index: i })
    return role
  })
}

async function memberView(tx: Tx, tenantId: string, user: AppUser): Promise<MemberView> {
  const roles = (await tx.memberships.rolesOf(tenantId, user.id)).map((r) => r.code)
  return {
    login: user.login,
    displayName: user.displayName,
    enabled: user.enabled,
    roles,
    scopes: await scopeViewsOf(tx, tenantId, user.id),
  }
}

async function scopeViews(tx: Tx, tenantId: string, scopes: readonly DataScope[]): Promise<ScopeView[]> {
  const out: ScopeView[] = []
  for (const s of scopes) {
    if (s.kind === 'own') {
      out.push({ kind: 'own' })
      continue
    }
    const node = await tx.nodes.byId(tenantId, s.nodeId)
    const scheme = node && (await tx.schemes.byId(tenantId, node.schemeId))
    if (node && scheme)
      out.push({
        kind: 'node',
        nodeId: node.id,
        subtree: s.subtree,
        schemeCode: scheme.code,
        schemeName: scheme.name,
        nodeCode: node.code,
        nodeName: node.name,
      })
  }
  return out
}

/** What the access log keeps of a member's change: roles and scopes in short (`class:01+`, `own`). */
const summary = (m: MemberView) => ({
  roles: m.roles,
  scopes: m.scopes.map((s) => (s.kind === 'own' ? 'own' : `${s.schemeCode}:${s.nodeCode}${s.subtree ? '+' : ''}`)),
})
