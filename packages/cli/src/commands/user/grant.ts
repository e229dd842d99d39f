import { clearScopes, getMember, getTree, grantRole, grantScopes, type MemberView, revokeRole } from '@kehu/app'
import { AppError, type ScopeInput, text } from '@kehu/core'
import type { Command } from 'commander'
import { type Io, say } from '../../io.js'
import type { Runtime } from '../../runtime.js'
import { inTenant, jsonOpt } from '../shared.js'

const collect = (v: string, prev: string[] = []) => [...prev, v]

interface GrantOptions {
  role?: string
  class?: string[]
  region?: string[]
  node?: string[]
  own?: boolean
  json?: boolean
}

export function registerUserGrant(parent: Command, io: Io) {
  parent
    .command('grant <login>')
    .description(
      say(
        io,
        '在账套中授予用户角色和数据权限（--role 管理员|建档员|业务员|只读；--class 01+：本级及下级，01：本级）',
        'give a user a role and data scopes in the tenant (--role 管理员|建档员|业务员|只读; --class 01+: the node and below, 01: the node only)',
      ),
    )
    .option('--role <role>', say(io, '角色名称或编码', 'role name or code'))
    .option(
      '--class <code>',
      say(io, '只看此客户分类（加 + 含下级；可重复）', 'only this customer class (+ for its subtree; repeatable)'),
      collect,
    )
    .option(
      '--region <code>',
      say(io, '只看此地区（加 + 含下级；可重复）', 'only this region (+ for its subtree; repeatable)'),
      collect,
    )
    .option(
      '--node <scheme:code>',
      say(io, '只看其他分类体系的此分类（如 industry:01+）', 'only this node of another scheme (e.g. industry:01+)'),
      collect,
    )
    .option('--own', say(io, '只看自己负责的客户', 'only the customers they manage'))
    .option(...jsonOpt(io))
    .action(async (login: string, opts: GrantOptions, cmd: Command) => {
      const member = await inTenant(cmd, async (rt, tenant) => {
        const scopes = await scopeInputs(rt, tenant, opts)
        if (!opts.role && scopes.length === 0)
          throw new AppError(
            'invalid',
            'CLI_GRANT_EMPTY',
            text(
              '请给出 --role 或数据权限（--class、--region、--node、--own）',
              'Give --role or data scopes (--class, --region, --node, --own)',
            ),
          )
        if (opts.role) await grantRole(rt.ctx(tenant), { login, role: opts.role })
        return scopes.length > 0 ? grantScopes(rt.ctx(tenant), { login, scopes }) : getMember(rt.ctx(tenant), login)
      })
      printMember(io, member, opts.json)
    })

  parent
    .command('revoke <login>')
    .description(say(io, '收回用户在账套中的角色', "take a user's role in the tenant away"))
    .requiredOption('--role <role>', say(io, '角色名称或编码', 'role name or code'))
    .action(async (login: string, opts: { role: string }, cmd: Command) => {
      const user = await inTenant(cmd, (rt, tenant) => revokeRole(rt.ctx(tenant), { login, role: opts.role }))
      io.out(
        `${user.login}: ${user.roles.map((r) => `${r.tenant}:${r.role}`).join(' ') || say(io, '（无角色）', '(no roles)')}`,
      )
    })

  parent
    .command('scopes <login>')
    .description(
      say(
        io,
        '显示用户在账套中的角色和数据权限；--clear 清除数据权限（可见全部客户）',
        "show a user's roles and data scopes in the tenant; --clear removes the scopes (every customer)",
      ),
    )
    .option('--clear', say(io, '清除全部数据权限', 'remove every data scope'))
    .option(...jsonOpt(io))
    .action(async (login: string, opts: { clear?: boolean; json?: boolean }, cmd: Command) => {
      const member = await inTenant(cmd, (rt, tenant) =>
        opts.clear ? clearScopes(rt.ctx(tenant), login) : getMember(rt.ctx(tenant), login),
      )
      printMember(io, member, opts.json)
    })
}

/** `01+` → the node with code 01 of the scheme, with its subtree; old codes of moved nodes resolve too. */
async function scopeInputs(rt: Runtime, tenant: string, opts: GrantOptions): Promise<ScopeInput[]> {
  const wanted: [string, string][] = [
    ...(opts.class ?? []).map((c): [string, string] => ['class', c]),
    ...(opts.region ?? []).map((c): [string, string] => ['region', c]),
    ...(opts.node ?? []).map((n): [string, string] => {
      const at = n.indexOf(':')
      if (at <= 0)
        throw new AppError(
          'invalid',
          'CLI_NODE_SCOPE',
          text(
            `--node 须写成 分类体系:编码，如 industry:01+（${n}）`,
            `--node takes scheme:code, e.g. industry:01+ (${n})`,
          ),
        )
      return [n.slice(0, at), n.slice(at + 1)]
    }),
  ]
  const out: ScopeInput[] = []
  for (const [scheme, raw] of wanted) {
    const subtree = raw.trim().endsWith('+')
    const code = raw.trim().replace(/\+$/, '').trim().toUpperCase()
    const tree = await getTree(rt.ctx(tenant), scheme)
    const node = tree.nodes.find(
      (n) => n.code.toUpperCase() === code || n.aliases.some((a) => a.toUpperCase() === code),
    )
    if (!node)
      throw new AppError(
        'not-found',
        'CLI_SCOPE_NODE_NOT_FOUND',
        text(`${tree.scheme.name}中没有分类 ${code}`, `${tree.scheme.name} has no node ${code}`),
      )
    out.push({ kind: 'node', nodeId: node.id, subtree })
  }
  if (opts.own) out.push({ kind: 'own' })
  return out
}

function printMember(io: Io, m: MemberView, json?: boolean) {
  if (json) {
    io.out(JSON.stringify(m, null, 2))
    return
  }
  const scopes = m.scopes.map((s) =>
    s.kind === 'own'
      ? say(io, '自己负责的客户', 'own customers')
      : `${s.schemeName} ${s.nodeCode}${s.subtree ? '+' : ''} ${s.nodeName}`,
  )
  io.out(`${m.login}: ${m.roles.join(' ') || say(io, '（无角色）', '(no roles)')}`)
  io.out(`  ${say(io, '数据权限', 'data scopes')}: ${scopes.join('；') || say(io, '全部客户', 'every customer')}`)
}
