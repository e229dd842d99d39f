// Custom roles made of permissions, on both databases: created, changed and deleted by a tenant administrator,
// written to the access log; built-in roles stay as the code defines them.
import { type Actor, BUILT_IN_ROLES, PERMISSIONS, type Permission } from '@kehu/core'
import { testKinds } from '@kehu/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppTest, failure, setupAppTest } from '../testing/app-test.js'
import { createUser } from './create-user.js'
import { grantRole, listRoles, revokeRole } from './memberships.js'
import { resolveActor } from './resolve-actor.js'
import { createRole, deleteRole, listPermissions, roleView, updateRole } from './roles.js'

const actorWith = (permissions: Permission[]): Actor => ({
  userId: 'u-custom',
  login: 'custom',
  label: 'custom',
  isAdmin: false,
  permissions: new Set(permissions),
})

describe.each(testKinds())('roles on %s', (kind) => {
  let t: AppTest
  let n = 0
  beforeAll(async () => {
    t = await setupAppTest(kind)
  })
  afterAll(() => t?.dispose())

  const newUser = async () => {
    const login = `r${++n}`
    await createUser(t.base, { login, password: 'correct horse battery' })
    return (await t.deps.store.read((tx) => tx.users.byLogin(login)))!
  }
  const roleLog = async () =>
    (await t.deps.store.read((tx) => tx.accessLog.list(200))).filter((e) => e.action.startsWith('role.'))

  it('lists every permission in order, each labelled in Chinese and English', () => {
    const items = listPermissions()
    expect(items.map((p) => p.key)).toEqual([...PERMISSIONS])
    for (const p of items) {
      expect(p.label.zh).toMatch(/\p{Script=Han}/u)
      expect(p.label.en).toMatch(/^[A-Z]/)
    }
    expect(items.find((p) => p.key === 'customer:sensitive')!.label.zh).toContain('敏感字段')
  })

  it('gives 管理员 and 建档员 the sensitive fields, not 业务员 or 只读', () => {
    expect(BUILT_IN_ROLES.admin.permissions).toContain('customer:sensitive')
    expect(BUILT_IN_ROLES.clerk.permissions).toContain('customer:sensitive')
    expect(BUILT_IN_ROLES.sales.permissions).not.toContain('customer:sensitive')
    expect(BUILT_IN_ROLES.readonly.permissions).not.toContain('customer:sensitive')
  })

  it('creates a role its members act with, changes it (they change at once) and deletes it once unheld', async () => {
    const tenant = await t.newTenant()
    const ctx = t.ctx(tenant)
    const created = await createRole(ctx, {
      code: 'region-mgr',
      name: ' 区域经理 ',
      permissions: ['customer:edit', 'customer:read', 'customer:edit'],
    })
    expect(created).toEqual({
      code: 'region-mgr',
      name: '区域经理',
      builtIn: false,
      permissions: ['customer:read', 'customer:edit'],
    })
    const roles = (await listRoles(ctx)).map(roleView)
    expect(roles.map((r) => r.code)).toEqual(['admin', 'clerk', 'readonly', 'sales', 'region-mgr'])
    expect(roles.find((r) => r.code === 'sales')!.permissions).toEqual(
      PERMISSIONS.filter((p) => BUILT_IN_ROLES.sales.permissions.includes(p)),
    )

    const user = await newUser()
    await grantRole(ctx, { login: user.login, role: '区域经理' })
    expect([...((await resolveActor(t.deps, user.id, tenant)).permissions as Set<string>)].sort()).toEqual([
      'customer:edit',
      'customer:read',
    ])
    const updated = await updateRole(ctx, 'region-mgr', { permissions: ['customer:read', 'customer:sensitive'] })
    expect(updated.permissions).toEqual(['customer:read', 'customer:sensitive'])
    expect([...((await resolveActor(t.deps, user.id, tenant)).permissions as Set<string>)].sort()).toEqual([
      'customer:read',
      'customer:sensitive',
    ])
    expect((await updateRole(ctx, 'region-mgr', { name: '大区经理' })).name).toBe('大区经理')

    const inUse = await failure(deleteRole(ctx, 'region-mgr'))
    expect(inUse).toMatchObject({ kind: 'conflict', code: 'ROLE_IN_USE', details: { members: 1 } })
    expect(inUse.text.zh).toContain('大区经理')
    await revokeRole(ctx, { login: user.login, role: 'region-mgr' })
    await deleteRole(ctx, 'region-mgr')
    expect((await listRoles(ctx)).map((r) => r.code)).not.toContain('region-mgr')

    const log = (await roleLog()).filter((e) => e.data.tenant === tenant)
    expect(log.map((e) => e.action).sort()).toEqual([
      'role.created',
      'role.deleted',
      'role.granted',
      'role.revoked',
      'role.updated',
      'role.updated',
    ])
    expect(log.filter((e) => e.action === 'role.updated').map((e) => e.data.changed)).toEqual(
      expect.arrayContaining([
        {
          permissions: { before: ['customer:read', 'customer:edit'], after: ['customer:read', 'customer:sensitive'] },
        },
        { name: { before: '区域经理', after: '大区经理' } },
      ]),
    )
    expect(log.find((e) => e.action === 'role.created')).toMatchObject({
      actor: t.actor.label,
      data: { role: 'region-mgr', name: '区域经理', permissions: ['customer:read', 'customer:edit'] },
    })
  })

  it('keeps built-in roles as the code defines them', async () => {
    const ctx = t.ctx(await t.newTenant())
    expect(await failure(updateRole(ctx, 'sales', { permissions: ['customer:read'] }))).toMatchObject({
      kind: 'conflict',
      code: 'ROLE_BUILT_IN',
    })
    expect((await failure(deleteRole(ctx, 'readonly'))).code).toBe('ROLE_BUILT_IN')
    expect((await failure(deleteRole(ctx, 'nope'))).kind).toBe('not-found')
  })

  it('refuses a bad code, a taken code or name, unknown permissions and the administrator’s, naming each', async () => {
    const ctx = t.ctx(await t.newTenant())
    const bad = await failure(createRole(ctx, { code: '-x', name: '', permissions: ['customer:fly', 'admin'] }))
    expect(bad.kind).toBe('invalid')
    expect(bad.issues.map((i) => [i.path, i.code])).toEqual([
      [['code'], 'ROLE_CODE_FORMAT'],
      [['name'], 'ROLE_NAME_LENGTH'],
      [['permissions', 0], 'ROLE_PERMISSION_UNKNOWN'],
      [['permissions', 1], 'ROLE_PERMISSION_ADMIN'],
    ])
    expect(bad.issues[2]!.message.zh).toContain('customer:fly')
    expect((await failure(createRole(ctx, { code: 'Admin', name: '某角色', permissions: [] }))).code).toBe('ROLE_TAKEN')
    const name = await failure(createRole(ctx, { code: 'x1', name: '业务员', permissions: [] }))
    expect(name).toMatchObject({ kind: 'conflict', code: 'ROLE_TAKEN' })
    expect(name.issues[0]!.path).toEqual(['name'])
    expect((await failure(updateRole(ctx, 'sales', { name: 'x', extra: 1 } as never))).kind).toBe('invalid')
  })

  it('lets no one hand out a permission they lack, and needs tenant:admin', async () => {
    const tenant = await t.newTenant()
    const manager = { ...t.ctx(tenant), actor: actorWith(['tenant:admin', 'customer:read']) }
    const e = await failure(createRole(manager, { code: 'x', name: '越权', permissions: ['customer:read', 'export'] }))
    expect(e.issues.map((i) => [i.path, i.code])).toEqual([[['permissions', 1], 'ROLE_PERMISSION_NOT_HELD']])
    expect(e.issues[0]!.message.en).toContain('Export')
    expect((await createRole(manager, { code: 'x', name: '只看', permissions: ['customer:read'] })).code).toBe('x')
    const sales = { ...t.ctx(tenant), actor: actorWith([...BUILT_IN_ROLES.sales.permissions]) }
    expect((await failure(createRole(sales, { code: 'y', name: '无权', permissions: [] }))).kind).toBe('forbidden')
    expect((await failure(deleteRole(sales, 'x'))).kind).toBe('forbidden')
  })
})
